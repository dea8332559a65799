using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Workspaces;

public class WorkspaceApiTests : ParleyTest
{
    [Fact]
    public async Task Creating_a_workspace_answers_201_with_it_and_its_location()
    {
        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/workspaces",
            new { name = "  Kettle & Co  ", credits = 250.5m, trial_ends_at = "2031-03-01T12:00:00+02:00" });

        reply.AssertStatus(HttpStatusCode.Created);
        var workspace = reply.Json;
        var id = workspace.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"/v1/workspaces/{id}", reply.Location!.OriginalString);
        Assert.Equal("Kettle & Co", workspace.GetProperty("name").GetString());
        Assert.Equal(250.5m, workspace.GetProperty("credits").GetDecimal());
        Assert.Equal(DateTimeOffset.Parse("2031-03-01T10:00:00Z"), workspace.GetProperty("trial_ends_at").GetDateTimeOffset());
        Assert.InRange(workspace.GetProperty("created_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_created_workspace_can_be_fetched_and_is_listed()
    {
        var created = await Admin.PostAsync("/v1/workspaces", new { name = "Fetch me", credits = 42, trial_ends_at = "2030-06-30T00:00:00Z" });
        var id = created.GetProperty("id").GetString()!;

        var fetched = await Admin.GetAsync($"/v1/workspaces/{id}");
        var listed = (await Admin.GetAsync("/v1/workspaces")).EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);

        foreach (var workspace in new[] { fetched, listed })
        {
            Assert.Equal("Fetch me", workspace.GetProperty("name").GetString());
            Assert.Equal(42m, workspace.GetProperty("credits").GetDecimal());
            Assert.Equal(created.GetProperty("trial_ends_at").GetDateTimeOffset(), workspace.GetProperty("trial_ends_at").GetDateTimeOffset());
            Assert.Equal(created.GetProperty("created_at").GetDateTimeOffset(), workspace.GetProperty("created_at").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_workspace_created_with_only_a_name_has_default_credits_and_no_trial_end()
    {
        var created = await Admin.PostAsync("/v1/workspaces", new { name = "Defaults" });

        Assert.True(created.GetProperty("credits").GetDecimal() >= 0);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("trial_ends_at").ValueKind);
    }

    [Fact]
    public async Task Patching_a_workspace_changes_only_the_fields_sent()
    {
        var id = await NewWorkspaceAsync(new { name = "Before", credits = 10, trial_ends_at = "2030-01-01T00:00:00Z" });

        var renamed = await Admin.PatchAsync($"/v1/workspaces/{id}", new { name = "After" });
        Assert.Equal("After", renamed.GetProperty("name").GetString());
        Assert.Equal(10m, renamed.GetProperty("credits").GetDecimal());
        Assert.Equal(DateTimeOffset.Parse("2030-01-01T00:00:00Z"), renamed.GetProperty("trial_ends_at").GetDateTimeOffset());

        var topped = await Admin.PatchAsync($"/v1/workspaces/{id}", new { credits = 99.25m, trial_ends_at = "2032-02-02T02:02:02Z" });
        Assert.Equal("After", topped.GetProperty("name").GetString());
        Assert.Equal(99.25m, topped.GetProperty("credits").GetDecimal());
        Assert.Equal(DateTimeOffset.Parse("2032-02-02T02:02:02Z"), topped.GetProperty("trial_ends_at").GetDateTimeOffset());

        var stored = await Admin.GetAsync($"/v1/workspaces/{id}");
        Assert.Equal("After", stored.GetProperty("name").GetString());
        Assert.Equal(99.25m, stored.GetProperty("credits").GetDecimal());
        Assert.Equal(DateTimeOffset.Parse("2032-02-02T02:02:02Z"), stored.GetProperty("trial_ends_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Patching_trial_ends_at_to_null_clears_it()
    {
        var id = await NewWorkspaceAsync(new { name = "On trial", trial_ends_at = "2030-01-01T00:00:00Z" });

        var patched = await Admin.PatchAsync($"/v1/workspaces/{id}", new { trial_ends_at = (string?)null });

        Assert.Equal(JsonValueKind.Null, patched.GetProperty("trial_ends_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/workspaces/{id}")).GetProperty("trial_ends_at").ValueKind);
    }

    [Fact]
    public async Task Timestamps_read_back_exactly_as_the_write_answered_them()
    {
        var created = await Admin.PostAsync("/v1/workspaces", new { name = "Precise", trial_ends_at = "2030-01-01T00:00:00.1234567Z" });
        var id = created.GetProperty("id").GetString()!;
        var patched = await Admin.PatchAsync($"/v1/workspaces/{id}", new { trial_ends_at = "2031-01-01T00:00:00.7654321Z" });

        var stored = await Admin.GetAsync($"/v1/workspaces/{id}");

        Assert.Equal(created.GetProperty("created_at").GetDateTimeOffset(), stored.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(patched.GetProperty("trial_ends_at").GetDateTimeOffset(), stored.GetProperty("trial_ends_at").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2031-01-01T00:00:00.765Z"), stored.GetProperty("trial_ends_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Creating_a_workspace_without_a_name_is_a_400_naming_the_field()
    {
        (await PostRawAsync("""{"credits": 5}""")).AssertInvalid("name");
        (await PostRawAsync("""{"name": "   "}""")).AssertInvalid("name");
        (await PostRawAsync("""{"name": null}""")).AssertInvalid("name");
        (await PostRawAsync("""{"name": 12}""")).AssertInvalid("name");
    }

    [Theory]
    [InlineData("""{"name": "A", "credits": -1}""", "credits")]
    [InlineData("""{"name": "A", "credits": "100"}""", "credits")]
    [InlineData("""{"name": "A", "credits": true}""", "credits")]
    [InlineData("""{"name": "A", "trial_ends_at": "next tuesday"}""", "trial_ends_at")]
    [InlineData("""{"name": "A", "trial_ends_at": 1767225600}""", "trial_ends_at")]
    [InlineData("""{"name": "A", "trial_ends_at": "1/2/2030"}""", "trial_ends_at")]
    [InlineData("""{"name": "A", "trial_ends_at": "Tuesday, 1 January 2030"}""", "trial_ends_at")]
    [InlineData("""{"name": "A", "plan": "gold"}""", "plan")]
    [InlineData("""{"name": "A\u0000B"}""", "name")]
    [InlineData("""{"name": "A\ud800B"}""", "name")]
    public async Task Creating_a_workspace_with_an_invalid_field_is_a_400_naming_it(string body, string field)
    {
        (await PostRawAsync(body)).AssertInvalid(field);
    }

    [Theory]
    [InlineData("""{"credits": -0.5}""", "credits")]
    [InlineData("""{"credits": "lots"}""", "credits")]
    [InlineData("""{"trial_ends_at": "2030-13-45T00:00:00Z"}""", "trial_ends_at")]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"credits": null}""", "credits")]
    [InlineData("""{"owner": "me"}""", "owner")]
    [InlineData("""{"name": "A\u0000B"}""", "name")]
    public async Task Patching_a_workspace_with_an_invalid_field_is_a_400_naming_it_and_changes_nothing(string body, string field)
    {
        var id = await NewWorkspaceAsync(new { name = "Steady", credits = 7, trial_ends_at = "2030-01-01T00:00:00Z" });

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/workspaces/{id}", body)).AssertInvalid(field);

        var stored = await Admin.GetAsync($"/v1/workspaces/{id}");
        Assert.Equal("Steady", stored.GetProperty("name").GetString());
        Assert.Equal(7m, stored.GetProperty("credits").GetDecimal());
        Assert.Equal(DateTimeOffset.Parse("2030-01-01T00:00:00Z"), stored.GetProperty("trial_ends_at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{"name": "A",""")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("""[{"name": "A"}]""")]
    [InlineData("\"A\"")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_malformed_json(string body)
    {
        (await PostRawAsync(body)).AssertError(HttpStatusCode.BadRequest, "malformed_json");

        var id = await NewWorkspaceAsync(new { name = "Patch target" });
        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/workspaces/{id}", body)).AssertError(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task An_unknown_workspace_is_a_404()
    {
        const string path = "/v1/workspaces/00000000-0000-0000-0000-000000000000";

        (await Admin.Http.GetReplyAsync(path)).AssertError(HttpStatusCode.NotFound, "workspace_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, path, new { name = "Ghost" })).AssertError(HttpStatusCode.NotFound, "workspace_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, path + "/api_keys", new { })).AssertError(HttpStatusCode.NotFound, "workspace_not_found");
    }

    private async Task<string> NewWorkspaceAsync(object body) =>
        (await Admin.PostAsync("/v1/workspaces", body)).GetProperty("id").GetString()!;

    private Task<ApiReply> PostRawAsync(string body) => Admin.Http.SendRawAsync(HttpMethod.Post, "/v1/workspaces", body);
}
