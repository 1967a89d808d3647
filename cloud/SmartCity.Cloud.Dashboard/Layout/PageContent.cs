namespace SmartCity.Cloud.Dashboard.Layout;

/// <summary>What one page puts into the shared shell.</summary>
public sealed class PageContent
{
    /// <summary>Page title (the tab shows "Title · SmartCity").</summary>
    public required string Title { get; init; }

    /// <summary>The nav entry to highlight.</summary>
    public string? ActiveHref { get; init; }

    /// <summary>Already-encoded body HTML.</summary>
    public required string Body { get; init; }

    /// <summary>Whether the shell writes the title as the page's heading.</summary>
    public bool H1 { get; init; } = true;

    /// <summary>A short line under the heading (encoded by the shell).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Page scripts after <c>/assets/dashboard.js</c>.</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];

    /// <summary>Page stylesheets after <c>/assets/dashboard.css</c>.</summary>
    public IReadOnlyList<string> Styles { get; init; } = [];

    /// <summary>Data for the page script, written as JSON into <c>&lt;script type="application/json" id="page-data"&gt;</c>.</summary>
    public object? PageData { get; init; }

    /// <summary>HTTP status of the page (e.g. 404 with an explanation).</summary>
    public int StatusCode { get; init; } = 200;
}
