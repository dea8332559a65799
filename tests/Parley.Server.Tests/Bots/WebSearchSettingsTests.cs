using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

/// <summary>The bot's <c>web_search</c> setting: off by default, stored as sent, refused by field name when wrong.</summary>
public class WebSearchSettingsTests : ParleyTest
{
    [Fact]
    public async Task Web_search_is_off_by_default_and_round_trips()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        var plain = await Admin.PostAsync("/v1/bots", new { workspace_id = workspace, name = "Plain" });
        Assert.False(plain.GetProperty("web_search").GetProperty("enabled").GetBoolean());
        Assert.Equal(3, plain.GetProperty("web_search").GetProperty("max_results").GetInt32());

        var id = plain.GetProperty("id").GetString()!;
        await Admin.PatchAsync($"/v1/bots/{id}", new { web_search = new { enabled = true, max_results = 7 } });
        var stored = await Admin.GetAsync($"/v1/bots/{id}");
        Assert.True(stored.GetProperty("web_search").GetProperty("enabled").GetBoolean());
        Assert.Equal(7, stored.GetProperty("web_search").GetProperty("max_results").GetInt32());

        // Absent fields keep their value.
        await Admin.PatchAsync($"/v1/bots/{id}", new { web_search = new { enabled = false } });
        stored = await Admin.GetAsync($"/v1/bots/{id}");
        Assert.False(stored.GetProperty("web_search").GetProperty("enabled").GetBoolean());
        Assert.Equal(7, stored.GetProperty("web_search").GetProperty("max_results").GetInt32());
    }

    [Theory]
    [InlineData("""{"web_search": {"enabled": "yes"}}""", "web_search.enabled")]
    [InlineData("""{"web_search": {"enabled": null}}""", "web_search.enabled")]
    [InlineData("""{"web_search": {"max_results": 0}}""", "web_search.max_results")]
    [InlineData("""{"web_search": {"max_results": 11}}""", "web_search.max_results")]
    [InlineData("""{"web_search": {"max_results": 2.5}}""", "web_search.max_results")]
    [InlineData("""{"web_search": {"engine": "google"}}""", "web_search.engine")]
    [InlineData("""{"web_search": true}""", "web_search")]
    [InlineData("""{"web_search": null}""", "web_search")]
    public async Task A_bad_web_search_setting_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var id = await Admin.CreateBotAsync(new { web_search = new { enabled = true, max_results = 4 } });

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{id}", body)).AssertInvalid(field);

        var stored = await Admin.GetAsync($"/v1/bots/{id}");
        Assert.Equal(JsonValueKind.True, stored.GetProperty("web_search").GetProperty("enabled").ValueKind);
        Assert.Equal(4, stored.GetProperty("web_search").GetProperty("max_results").GetInt32());
    }
}
