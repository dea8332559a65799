using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.Providers;

/// <summary>A deployment model that cannot work stops Parley at start-up, naming the setting.</summary>
public sealed class ModelOptionsTests
{
    [Theory]
    [InlineData("Parley:Model:Provider", "gemini", "Parley:Model:Provider")]
    [InlineData("Parley:Model:BaseUrl", "ftp://models.example.com/v1", "Parley:Model:BaseUrl")]
    [InlineData("Parley:Model:MaxRetries", "99", "MaxRetries")]
    public async Task A_bad_deployment_model_setting_stops_the_server(string key, string value, string named)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ParleyApp.StartAsync(app => app
            .With("Parley:Model:Provider", "openai").With("Parley:Model:Model", "m").With(key, value)));

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_model_without_a_model_name_stops_the_server()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ParleyApp.StartAsync(app => app.With("Parley:Model:Provider", "anthropic")));

        Assert.Contains("Parley:Model:Model", error.ToString(), StringComparison.Ordinal);
    }
}
