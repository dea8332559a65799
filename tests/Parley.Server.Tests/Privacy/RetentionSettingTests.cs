using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Privacy;

/// <summary>A workspace's <c>retention_days</c>: null keeps conversations, otherwise whole days from 1 to 3650.</summary>
public class RetentionSettingTests : ParleyTest
{
    [Fact]
    public async Task A_new_workspace_keeps_conversations_until_told_otherwise()
    {
        var created = await Admin.PostAsync("/v1/workspaces", new { name = "Keeps all" });

        Assert.Equal(JsonValueKind.Null, created.GetProperty("retention_days").ValueKind);
    }

    [Fact]
    public async Task Retention_set_at_creation_is_shown_and_changed_or_removed_by_a_patch()
    {
        var created = await Admin.PostAsync("/v1/workspaces", new { name = "Keeps a year", retention_days = 365 });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(365, created.GetProperty("retention_days").GetInt32());
        Assert.Equal(365, (await Admin.GetAsync($"/v1/workspaces/{id}")).GetProperty("retention_days").GetInt32());

        var renamed = await Admin.PatchAsync($"/v1/workspaces/{id}", new { name = "Still a year" });
        Assert.Equal(365, renamed.GetProperty("retention_days").GetInt32());
        Assert.Equal(30, (await Admin.PatchAsync($"/v1/workspaces/{id}", new { retention_days = 30 })).GetProperty("retention_days").GetInt32());
        var listed = (await Admin.GetAsync("/v1/workspaces")).EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);
        Assert.Equal(30, listed.GetProperty("retention_days").GetInt32());

        var removed = await Admin.PatchAsync($"/v1/workspaces/{id}", new { retention_days = (int?)null });
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("retention_days").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/workspaces/{id}")).GetProperty("retention_days").ValueKind);
    }

    [Fact]
    public async Task A_workspace_key_sets_its_own_workspace_retention_but_not_another_one()
    {
        var own = await Admin.CreateWorkspaceAsync();
        var other = await Admin.CreateWorkspaceAsync();
        using var key = App.NewHttpClient(await Admin.CreateWorkspaceKeyAsync(own));

        var reply = await key.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{own}", new { retention_days = 90 });
        (await key.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{other}", new { retention_days = 1 }))
            .AssertError(HttpStatusCode.NotFound, "workspace_not_found");

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(90, reply.Json.GetProperty("retention_days").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/workspaces/{other}")).GetProperty("retention_days").ValueKind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3651")]
    [InlineData("1.5")]
    [InlineData("\"30\"")]
    [InlineData("true")]
    [InlineData("99999999999")]
    public async Task A_retention_that_is_not_1_to_3650_whole_days_is_a_400_naming_retention_days(string value)
    {
        var id = await Admin.CreateWorkspaceAsync();

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/workspaces/{id}", $$"""{"retention_days": {{value}}}"""))
            .AssertInvalid("retention_days");
        (await Admin.Http.SendRawAsync(HttpMethod.Post, "/v1/workspaces", $$"""{"name": "Bad", "retention_days": {{value}}}"""))
            .AssertInvalid("retention_days");
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/workspaces/{id}")).GetProperty("retention_days").ValueKind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3650)]
    public async Task The_shortest_and_longest_retentions_are_accepted(int days)
    {
        var id = await Admin.CreateWorkspaceAsync();

        Assert.Equal(days, (await Admin.PatchAsync($"/v1/workspaces/{id}", new { retention_days = days })).GetProperty("retention_days").GetInt32());
    }
}
