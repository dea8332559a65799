using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Conformance;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Playground;

/// <summary>
/// The Playground's third-party library (uPlot, for the Insights chart) is served by the server itself, no CDN, in
/// the version its package.json pins, with its licence beside it; nothing else of the vendor folder is served.
/// </summary>
public sealed class VendoredAssetsTests : IAsyncLifetime
{
    private ParleyApp _app = null!;

    public async Task InitializeAsync() => _app = await ParleyApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_chart_library_is_served_in_the_pinned_version_with_its_licence()
    {
        var vendor = Path.Combine(ExampleSource.RepositoryRoot(), "src", "Parley.Server", "Playground", "Assets", "vendor");
        using var pins = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(vendor, "package.json")));
        var version = pins.RootElement.GetProperty("dependencies").GetProperty("uplot").GetString();
        using var locked = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(vendor, "package-lock.json")));
        Assert.Equal(version, locked.RootElement.GetProperty("packages").GetProperty("node_modules/uplot").GetProperty("version").GetString());

        using var http = _app.NewHttpClient();
        using var script = await http.GetAsync("/playground/vendor/uplot/uPlot.iife.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"/*! https://github.com/leeoniya/uPlot (v{version}) */", await script.Content.ReadAsStringAsync());

        using var style = await http.GetAsync("/playground/vendor/uplot/uPlot.min.css");
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        using var licence = await http.GetAsync("/playground/vendor/uplot/LICENSE");
        Assert.Equal("text/plain", licence.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MIT License", await licence.Content.ReadAsStringAsync());

        var index = await http.GetStringAsync("/playground/");
        Assert.Contains("""<script src="/playground/vendor/uplot/uPlot.iife.min.js" defer></script>""", index);

        foreach (var path in new[] { "/playground/vendor/package.json", "/playground/vendor/uplot/package.json", "/playground/vendor/other/LICENSE" })
        {
            using var missing = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }
}
