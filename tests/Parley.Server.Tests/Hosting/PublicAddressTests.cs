using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary><c>Parley:PublicUrl</c> is where links point; one that could not be linked to stops Parley at start-up.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("chat.example.com")]
    [InlineData("ftp://chat.example.com")]
    [InlineData("https://chat.example.com/?a=1")]
    public async Task A_public_url_that_is_not_an_http_address_stops_the_server(string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ParleyApp.StartAsync(app => app.With("Parley:PublicUrl", value)));

        Assert.Contains("Parley:PublicUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_bots_citations_link_through_the_public_url()
    {
        await using var app = await ParleyApp.StartAsync(a => a
            .With("Parley:PublicUrl", "https://chat.example.com/help/")
            .With("Parley:DemoBot:Enabled", "true")
            .With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = (await admin.GetAsync("/v1/bots")).EnumerateArray().Single().GetProperty("id").GetString()!;

        var sources = (await admin.GetAsync($"/v1/bots/{botId}/sources")).EnumerateArray().ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("https://chat.example.com/help/docs/", s.GetProperty("url").GetString(), StringComparison.Ordinal));
    }
}
