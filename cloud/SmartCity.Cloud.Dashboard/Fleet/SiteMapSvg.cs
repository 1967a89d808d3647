using System.Globalization;
using System.Text;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>
/// The offline plan view: devices placed by their registered coordinates on a local metric plane (equirectangular
/// around the fleet's centre, accurate to well under 1 % across a city), with a scale bar. No tiles, no network.
/// </summary>
internal static class SiteMapSvg
{
    private const double Width = 720, Height = 380, Pad = 46;
    private const double MetresPerDegreeLat = 110_574;
    private const double MetresPerDegreeLonAtEquator = 111_320;

    public static string Render(IReadOnlyList<FleetDevice> devices)
    {
        var placed = devices.Where(d => d.Latitude is not null && d.Longitude is not null).ToList();
        var svg = new StringBuilder(2048);
        svg.Append("<svg class=\"sitemap\" id=\"site-map\" viewBox=\"0 0 ").Append(Html.N(Width)).Append(' ').Append(Html.N(Height))
            .Append("\" role=\"img\" aria-label=\"Plan view of the devices\">");
        svg.Append("<defs><pattern id=\"grid\" width=\"40\" height=\"40\" patternUnits=\"userSpaceOnUse\"><path d=\"M40 0H0V40\" class=\"map-grid\"/></pattern></defs>")
            .Append("<rect x=\"0\" y=\"0\" width=\"").Append(Html.N(Width)).Append("\" height=\"").Append(Html.N(Height)).Append("\" class=\"map-bg\"/>")
            .Append("<rect x=\"0\" y=\"0\" width=\"").Append(Html.N(Width)).Append("\" height=\"").Append(Html.N(Height)).Append("\" fill=\"url(#grid)\"/>");
        if (placed.Count == 0)
        {
            svg.Append("<text x=\"").Append(Html.N(Width / 2)).Append("\" y=\"").Append(Html.N(Height / 2))
                .Append("\" class=\"map-empty\" text-anchor=\"middle\">No device has registered coordinates (DashboardOptions.Devices).</text></svg>");
            return svg.ToString();
        }

        double lat0 = placed.Average(d => d.Latitude!.Value);
        double lon0 = placed.Average(d => d.Longitude!.Value);
        double kx = MetresPerDegreeLonAtEquator * Math.Cos(lat0 * Math.PI / 180);
        var pts = placed.Select(d => (Device: d, X: (d.Longitude!.Value - lon0) * kx, Y: (d.Latitude!.Value - lat0) * MetresPerDegreeLat)).ToList();
        double minX = pts.Min(p => p.X), maxX = pts.Max(p => p.X), minY = pts.Min(p => p.Y), maxY = pts.Max(p => p.Y);
        double spanX = Math.Max(maxX - minX, 200), spanY = Math.Max(maxY - minY, 200);
        double scale = Math.Min((Width - 2 * Pad) / spanX, (Height - 2 * Pad) / spanY); // px per metre
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;

        // Sites: a soft outline around the devices of each site, drawn first.
        foreach (var site in pts.GroupBy(p => p.Device.Site))
        {
            double sx = site.Average(p => Px(p.X)), sy = site.Average(p => Py(p.Y));
            double r = Math.Max(22, site.Max(p => Math.Sqrt(Math.Pow(Px(p.X) - sx, 2) + Math.Pow(Py(p.Y) - sy, 2))) + 18);
            svg.Append("<g class=\"map-site\" data-site=\"").Append(Html.A(site.Key)).Append("\"><circle cx=\"").Append(Html.N(sx, "0.#")).Append("\" cy=\"")
                .Append(Html.N(sy, "0.#")).Append("\" r=\"").Append(Html.N(r, "0.#")).Append("\"/><text x=\"").Append(Html.N(sx, "0.#")).Append("\" y=\"")
                .Append(Html.N(sy - r - 6, "0.#")).Append("\" text-anchor=\"middle\">").Append(Html.E(site.Key)).Append("</text></g>");
        }

        foreach (var (d, x, y) in pts)
        {
            double px = Px(x), py = Py(y);
            svg.Append("<g class=\"map-device ").Append(Html.A(d.State)).Append("\" data-device=\"").Append(Html.A(d.Id)).Append("\" data-state=\"").Append(Html.A(d.State))
                .Append("\" data-x-m=\"").Append(Html.N(x, "0.0")).Append("\" data-y-m=\"").Append(Html.N(y, "0.0")).Append("\" tabindex=\"0\">")
                .Append("<title>").Append(Html.E($"{d.Name} ({d.Id}) — {d.State}, {d.StateReason}")).Append("</title>")
                .Append("<circle cx=\"").Append(Html.N(px, "0.#")).Append("\" cy=\"").Append(Html.N(py, "0.#")).Append("\" r=\"8\"/>")
                .Append("<text x=\"").Append(Html.N(px + 12, "0.#")).Append("\" y=\"").Append(Html.N(py + 4, "0.#")).Append("\">").Append(Html.E(d.Id)).Append("</text></g>");
        }

        // Scale bar: the largest 1-2-5 length that fits in a quarter of the width.
        double maxMetres = Width / 4 / scale;
        double bar = Nice(maxMetres);
        double barPx = bar * scale;
        double bx = Pad, by = Height - 18;
        svg.Append("<g class=\"map-scale\"><path d=\"M").Append(Html.N(bx, "0.#")).Append(' ').Append(Html.N(by - 5, "0.#")).Append("v5h").Append(Html.N(barPx, "0.#"))
            .Append("v-5\"/><text x=\"").Append(Html.N(bx + barPx / 2, "0.#")).Append("\" y=\"").Append(Html.N(by - 8, "0.#")).Append("\" text-anchor=\"middle\">")
            .Append(bar >= 1000 ? Html.N(bar / 1000, "0.#") + " km" : Html.N(bar, "0") + " m").Append("</text></g>")
            .Append("<g class=\"map-north\" transform=\"translate(").Append(Html.N(Width - 26)).Append(" 30)\"><path d=\"M0 -14L6 6L0 2L-6 6Z\"/><text y=\"20\" text-anchor=\"middle\">N</text></g>")
            .Append("</svg>");
        return svg.ToString();

        double Px(double x) => Width / 2 + (x - cx) * scale;
        double Py(double y) => Height / 2 - (y - cy) * scale;
    }

    private static double Nice(double max)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double m in (ReadOnlySpan<double>)[5, 2, 1])
        {
            if (m * p <= max)
            {
                return m * p;
            }
        }

        return p;
    }

    internal static string Format(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
