using System.Globalization;
using System.Text.Encodings.Web;

namespace SmartCity.Cloud.Dashboard.Layout;

/// <summary>Encoding helpers for server-rendered HTML: every data or user string goes through one of these.</summary>
public static class Html
{
    /// <summary>HTML-encodes text content (null gives "").</summary>
    public static string E(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    /// <summary>Encodes an attribute value (use inside double quotes).</summary>
    public static string A(string? value) => E(value);

    /// <summary>A number with invariant culture, for data attributes.</summary>
    public static string N(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Encodes a URL query component.</summary>
    public static string U(string? value) => value is null ? "" : UrlEncoder.Default.Encode(value);

}
