using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

/// <summary>Every bot setting is stored as sent (or in its one normal form), and a bad value is refused by name.</summary>
public class BotSettingsTests : ParleyTest
{
    private string _workspaceId = null!;

    protected override async Task SeedAsync()
    {
        _workspaceId = await Admin.CreateWorkspaceAsync();
    }

    [Fact]
    public async Task A_bot_created_with_only_a_name_has_the_documented_defaults()
    {
        var bot = await Admin.PostAsync("/v1/bots", new { workspace_id = _workspaceId, name = "Plain" });

        Assert.Equal("public", bot.GetProperty("privacy").GetString());
        Assert.True(bot.GetProperty("active").GetBoolean());
        Assert.Empty(bot.GetProperty("allowed_domains").EnumerateArray());
        Assert.Equal(20, bot.GetProperty("rate_limit").GetProperty("max_messages").GetInt32());
        Assert.Equal(60, bot.GetProperty("rate_limit").GetProperty("window_seconds").GetInt32());
        Assert.True(bot.GetProperty("citations_enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("system_prompt").ValueKind);
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("welcome_message").ValueKind);
        Assert.False(bot.GetProperty("filters").GetProperty("redact_pii").GetBoolean());
        Assert.Empty(bot.GetProperty("filters").GetProperty("blocked_terms").EnumerateArray());
        Assert.Equal("extractive", bot.GetProperty("generator").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task A_bot_created_with_a_null_rate_limit_has_none()
    {
        var bot = await Admin.PostAsync("/v1/bots", new { workspace_id = _workspaceId, name = "Unlimited", rate_limit = (object?)null });

        Assert.Equal(JsonValueKind.Null, bot.GetProperty("rate_limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{bot.GetProperty("id").GetString()}")).GetProperty("rate_limit").ValueKind);
    }

    [Fact]
    public async Task Every_setting_given_at_creation_round_trips()
    {
        var created = await Admin.PostAsync("/v1/bots", new
        {
            workspace_id = _workspaceId,
            name = "Everything",
            privacy = "private",
            active = false,
            allowed_domains = new[] { "shop.example.com", "*.example.org" },
            rate_limit = new { max_messages = 20, window_seconds = 3600 },
            citations_enabled = false,
            system_prompt = "Answer as a friendly kettle expert.",
            welcome_message = "Hello! Ask me about kettles.",
            filters = new { redact_pii = true, blocked_terms = new[] { "competitor", "discount code" } },
        });

        var stored = await Admin.GetAsync($"/v1/bots/{created.GetProperty("id").GetString()}");

        foreach (var bot in new[] { created, stored })
        {
            Assert.Equal(_workspaceId, bot.GetProperty("workspace_id").GetString());
            Assert.Equal("Everything", bot.GetProperty("name").GetString());
            Assert.Equal("private", bot.GetProperty("privacy").GetString());
            Assert.False(bot.GetProperty("active").GetBoolean());
            Assert.Equal(["shop.example.com", "*.example.org"], Strings(bot.GetProperty("allowed_domains")));
            Assert.Equal(20, bot.GetProperty("rate_limit").GetProperty("max_messages").GetInt32());
            Assert.Equal(3600, bot.GetProperty("rate_limit").GetProperty("window_seconds").GetInt32());
            Assert.False(bot.GetProperty("citations_enabled").GetBoolean());
            Assert.Equal("Answer as a friendly kettle expert.", bot.GetProperty("system_prompt").GetString());
            Assert.Equal("Hello! Ask me about kettles.", bot.GetProperty("welcome_message").GetString());
            Assert.True(bot.GetProperty("filters").GetProperty("redact_pii").GetBoolean());
            Assert.Equal(["competitor", "discount code"], Strings(bot.GetProperty("filters").GetProperty("blocked_terms")));
            Assert.Equal(created.GetProperty("created_at").GetDateTimeOffset(), bot.GetProperty("created_at").GetDateTimeOffset());
            Assert.Equal(created.GetProperty("updated_at").GetDateTimeOffset(), bot.GetProperty("updated_at").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Every_setting_changed_by_patch_round_trips()
    {
        var id = await Admin.CreateBotAsync(workspaceId: _workspaceId);
        var before = await Admin.GetAsync($"/v1/bots/{id}");

        var patched = await Admin.PatchAsync($"/v1/bots/{id}", new
        {
            name = "Renamed",
            privacy = "private",
            active = false,
            allowed_domains = new[] { "example.com" },
            rate_limit = new { max_messages = 3, window_seconds = 60 },
            citations_enabled = false,
            system_prompt = "Be brief.",
            welcome_message = "Hi there.",
            filters = new { redact_pii = true, blocked_terms = new[] { "swear" } },
        });
        var stored = await Admin.GetAsync($"/v1/bots/{id}");

        foreach (var bot in new[] { patched, stored })
        {
            Assert.Equal("Renamed", bot.GetProperty("name").GetString());
            Assert.Equal("private", bot.GetProperty("privacy").GetString());
            Assert.False(bot.GetProperty("active").GetBoolean());
            Assert.Equal(["example.com"], Strings(bot.GetProperty("allowed_domains")));
            Assert.Equal(3, bot.GetProperty("rate_limit").GetProperty("max_messages").GetInt32());
            Assert.Equal(60, bot.GetProperty("rate_limit").GetProperty("window_seconds").GetInt32());
            Assert.False(bot.GetProperty("citations_enabled").GetBoolean());
            Assert.Equal("Be brief.", bot.GetProperty("system_prompt").GetString());
            Assert.Equal("Hi there.", bot.GetProperty("welcome_message").GetString());
            Assert.True(bot.GetProperty("filters").GetProperty("redact_pii").GetBoolean());
            Assert.Equal(["swear"], Strings(bot.GetProperty("filters").GetProperty("blocked_terms")));
            Assert.Equal(before.GetProperty("created_at").GetDateTimeOffset(), bot.GetProperty("created_at").GetDateTimeOffset());
            Assert.Equal(patched.GetProperty("updated_at").GetDateTimeOffset(), bot.GetProperty("updated_at").GetDateTimeOffset());
        }

        Assert.True(patched.GetProperty("updated_at").GetDateTimeOffset() >= before.GetProperty("updated_at").GetDateTimeOffset());

        var back = await Admin.PatchAsync($"/v1/bots/{id}", new { privacy = "public", active = true, citations_enabled = true });
        Assert.Equal("public", back.GetProperty("privacy").GetString());
        Assert.True(back.GetProperty("active").GetBoolean());
        Assert.True(back.GetProperty("citations_enabled").GetBoolean());
    }

    [Fact]
    public async Task A_patch_leaves_the_settings_it_does_not_mention_alone()
    {
        var id = await Admin.CreateBotAsync(new
        {
            privacy = "private",
            allowed_domains = new[] { "example.com" },
            rate_limit = new { max_messages = 5, window_seconds = 10 },
            system_prompt = "Keep me.",
            welcome_message = "Keep me too.",
            filters = new { redact_pii = true, blocked_terms = new[] { "kept" } },
        }, _workspaceId);

        var bot = await Admin.PatchAsync($"/v1/bots/{id}", new { name = "Only the name" });

        Assert.Equal("Only the name", bot.GetProperty("name").GetString());
        Assert.Equal("private", bot.GetProperty("privacy").GetString());
        Assert.Equal(["example.com"], Strings(bot.GetProperty("allowed_domains")));
        Assert.Equal(5, bot.GetProperty("rate_limit").GetProperty("max_messages").GetInt32());
        Assert.Equal("Keep me.", bot.GetProperty("system_prompt").GetString());
        Assert.Equal("Keep me too.", bot.GetProperty("welcome_message").GetString());
        Assert.True(bot.GetProperty("filters").GetProperty("redact_pii").GetBoolean());
        Assert.Equal(["kept"], Strings(bot.GetProperty("filters").GetProperty("blocked_terms")));
    }

    [Fact]
    public async Task A_filters_patch_changes_only_the_filter_it_names()
    {
        var id = await Admin.CreateBotAsync(new { filters = new { redact_pii = false, blocked_terms = new[] { "kept" } } }, _workspaceId);

        var bot = await Admin.PatchAsync($"/v1/bots/{id}", new { filters = new { redact_pii = true } });

        Assert.True(bot.GetProperty("filters").GetProperty("redact_pii").GetBoolean());
        Assert.Equal(["kept"], Strings(bot.GetProperty("filters").GetProperty("blocked_terms")));
    }

    [Fact]
    public async Task Null_clears_the_rate_limit_system_prompt_and_welcome_message()
    {
        var id = await Admin.CreateBotAsync(new
        {
            rate_limit = new { max_messages = 5, window_seconds = 10 },
            system_prompt = "Temporary.",
            welcome_message = "Temporary.",
        }, _workspaceId);

        var bot = await Admin.PatchAsync($"/v1/bots/{id}", new { rate_limit = (object?)null, system_prompt = (string?)null, welcome_message = (string?)null });
        var stored = await Admin.GetAsync($"/v1/bots/{id}");

        foreach (var b in new[] { bot, stored })
        {
            Assert.Equal(JsonValueKind.Null, b.GetProperty("rate_limit").ValueKind);
            Assert.Equal(JsonValueKind.Null, b.GetProperty("system_prompt").ValueKind);
            Assert.Equal(JsonValueKind.Null, b.GetProperty("welcome_message").ValueKind);
        }
    }

    [Fact]
    public async Task An_empty_allowed_domains_list_opens_the_bot_to_any_origin_again()
    {
        var id = await Admin.CreateBotAsync(new { allowed_domains = new[] { "example.com" } }, _workspaceId);

        var bot = await Admin.PatchAsync($"/v1/bots/{id}", new { allowed_domains = Array.Empty<string>() });

        Assert.Empty(bot.GetProperty("allowed_domains").EnumerateArray());
        Assert.Empty((await Admin.GetAsync($"/v1/bots/{id}")).GetProperty("allowed_domains").EnumerateArray());
    }

    [Theory]
    [InlineData("HTTPS://Example.COM/path", "example.com")]
    [InlineData("https://shop.example.com:8443/widget?x=1", "shop.example.com:8443")]
    [InlineData("http://example.com:80/", "example.com")]
    [InlineData("*.Example.com", "*.example.com")]
    [InlineData("example.com:8443", "example.com:8443")]
    [InlineData("  Example.com.  ", "example.com")]
    [InlineData("localhost:5173", "localhost:5173")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public async Task An_allowed_domain_is_stored_in_its_normal_form(string entry, string normal)
    {
        var bot = await Admin.PostAsync("/v1/bots", new { workspace_id = _workspaceId, name = "Domains", allowed_domains = new[] { entry } });

        Assert.Equal([normal], Strings(bot.GetProperty("allowed_domains")));
    }

    [Fact]
    public async Task Allowed_domains_that_normalise_to_the_same_entry_are_kept_once_in_order()
    {
        var bot = await Admin.PostAsync("/v1/bots", new
        {
            workspace_id = _workspaceId,
            name = "Domains",
            allowed_domains = new[]
            {
                "HTTPS://Example.COM/path", "*.example.com", "example.com:8443", "example.com", "EXAMPLE.com", "https://example.com/other", "*.EXAMPLE.com",
            },
        });

        Assert.Equal(["example.com", "*.example.com", "example.com:8443"], Strings(bot.GetProperty("allowed_domains")));
    }

    [Theory]
    [InlineData("""{"name": "B", "privacy": "secret"}""", "privacy")]
    [InlineData("""{"name": "B", "privacy": true}""", "privacy")]
    [InlineData("""{"name": "B", "active": "yes"}""", "active")]
    [InlineData("""{"name": "B", "citations_enabled": 1}""", "citations_enabled")]
    [InlineData("""{"name": "B", "allowed_domains": ["not a host!"]}""", "allowed_domains")]
    [InlineData("""{"name": "B", "allowed_domains": ["*.*"]}""", "allowed_domains")]
    [InlineData("""{"name": "B", "allowed_domains": ["example.com:99999"]}""", "allowed_domains")]
    [InlineData("""{"name": "B", "allowed_domains": [""]}""", "allowed_domains")]
    [InlineData("""{"name": "B", "allowed_domains": "example.com"}""", "allowed_domains")]
    [InlineData("""{"name": "B", "rate_limit": {"max_messages": 0, "window_seconds": 60}}""", "rate_limit.max_messages")]
    [InlineData("""{"name": "B", "rate_limit": {"max_messages": "5", "window_seconds": 60}}""", "rate_limit.max_messages")]
    [InlineData("""{"name": "B", "rate_limit": {"max_messages": 5}}""", "rate_limit.window_seconds")]
    [InlineData("""{"name": "B", "rate_limit": {"max_messages": 5, "window_seconds": 0}}""", "rate_limit.window_seconds")]
    [InlineData("""{"name": "B", "rate_limit": {"max_messages": 5, "window_seconds": 60, "burst": 2}}""", "rate_limit.burst")]
    [InlineData("""{"name": "B", "rate_limit": 5}""", "rate_limit")]
    [InlineData("""{"name": "B", "filters": {"redact_pii": "yes"}}""", "filters.redact_pii")]
    [InlineData("""{"name": "B", "filters": {"blocked_terms": [""]}}""", "filters.blocked_terms")]
    [InlineData("""{"name": "B", "filters": {"blocked_terms": ["bad\u0000word"]}}""", "filters.blocked_terms")]
    [InlineData("""{"name": "B\u0000"}""", "name")]
    [InlineData("""{"name": "B", "filters": {"profanity": true}}""", "filters.profanity")]
    [InlineData("""{"name": "B", "system_prompt": 42}""", "system_prompt")]
    [InlineData("""{"name": "B", "welcome_message": ["hi"]}""", "welcome_message")]
    [InlineData("""{"name": "B", "temperature": 0.2}""", "temperature")]
    [InlineData("""{"privacy": "public"}""", "name")]
    [InlineData("""{"name": "  "}""", "name")]
    [InlineData("""{"name": null}""", "name")]
    public async Task Creating_a_bot_with_an_invalid_setting_is_a_400_naming_the_field(string settings, string field)
    {
        var body = JsonNodeWith(settings, "workspace_id", _workspaceId);
        var before = (await Admin.GetAsync($"/v1/bots?workspace_id={_workspaceId}")).GetArrayLength();

        (await Admin.Http.SendRawAsync(HttpMethod.Post, "/v1/bots", body)).AssertInvalid(field);

        Assert.Equal(before, (await Admin.GetAsync($"/v1/bots?workspace_id={_workspaceId}")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"privacy": "secret"}""", "privacy")]
    [InlineData("""{"allowed_domains": ["not a host!"]}""", "allowed_domains")]
    [InlineData("""{"allowed_domains": ["*.*"]}""", "allowed_domains")]
    [InlineData("""{"rate_limit": {"max_messages": 0, "window_seconds": 60}}""", "rate_limit.max_messages")]
    [InlineData("""{"rate_limit": {"max_messages": 5}}""", "rate_limit.window_seconds")]
    [InlineData("""{"rate_limit": {}}""", "rate_limit.max_messages")]
    [InlineData("""{"filters": {"blocked_terms": "word"}}""", "filters.blocked_terms")]
    [InlineData("""{"filters": {"blocked_terms": ["bad\ud800"]}}""", "filters.blocked_terms")]
    [InlineData("""{"name": "B\udc00"}""", "name")]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"active": null, "privacy": "secret"}""", "active")]
    [InlineData("""{"privacy": null}""", "privacy")]
    [InlineData("""{"allowed_domains": null}""", "allowed_domains")]
    [InlineData("""{"citations_enabled": null}""", "citations_enabled")]
    [InlineData("""{"filters": null}""", "filters")]
    [InlineData("""{"color": "blue"}""", "color")]
    public async Task Patching_a_bot_with_an_invalid_setting_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var id = await Admin.CreateBotAsync(new { name = "Untouched", allowed_domains = new[] { "example.com" } }, _workspaceId);
        var before = (await Admin.GetAsync($"/v1/bots/{id}")).GetRawText();

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{id}", body)).AssertInvalid(field);

        Assert.Equal(before, (await Admin.GetAsync($"/v1/bots/{id}")).GetRawText());
    }

    [Fact]
    public async Task Patching_a_bots_workspace_id_is_a_400_naming_the_field_even_when_unchanged()
    {
        var id = await Admin.CreateBotAsync(workspaceId: _workspaceId);
        var elsewhere = await Admin.CreateWorkspaceAsync();

        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{id}", new { workspace_id = elsewhere })).AssertInvalid("workspace_id");
        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{id}", new { workspace_id = _workspaceId })).AssertInvalid("workspace_id");

        Assert.Equal(_workspaceId, (await Admin.GetAsync($"/v1/bots/{id}")).GetProperty("workspace_id").GetString());
    }

    [Fact]
    public async Task Creating_a_bot_in_an_unknown_workspace_is_a_400_naming_workspace_id()
    {
        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/bots",
            new { workspace_id = "00000000-0000-0000-0000-000000000000", name = "Orphan" });

        reply.AssertInvalid("workspace_id");
    }

    [Fact]
    public async Task Creating_a_bot_with_the_admin_key_and_no_workspace_id_is_a_400_naming_workspace_id()
    {
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/bots", new { name = "Nowhere" })).AssertInvalid("workspace_id");
    }

    [Theory]
    [InlineData("""{"name": "B",""")]
    [InlineData("""[{"name": "B"}]""")]
    [InlineData("42")]
    public async Task A_bot_body_that_is_not_a_json_object_is_a_400_malformed_json(string body)
    {
        var id = await Admin.CreateBotAsync(workspaceId: _workspaceId);

        (await Admin.Http.SendRawAsync(HttpMethod.Post, "/v1/bots", body)).AssertError(HttpStatusCode.BadRequest, "malformed_json");
        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{id}", body)).AssertError(HttpStatusCode.BadRequest, "malformed_json");
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string JsonNodeWith(string json, string name, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[name] = value;
        return node.ToJsonString();
    }
}
