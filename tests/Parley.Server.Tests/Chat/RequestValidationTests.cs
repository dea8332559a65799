using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>Every malformed request is refused before the stream with a 400 that names the field.</summary>
public class RequestValidationTests : ParleyTest
{
    private string _botId = null!;

    protected override async Task SeedAsync() => _botId = await Admin.CreateKnowledgeableBotAsync();

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { """{"message":"hi","session_id":"s"}""", "invalid_request", "bot_id" },
        { """{"bot_id":"BOT","session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi"}""", "invalid_request", "session_id" },
        { """{"bot_id":42,"message":"hi","session_id":"s"}""", "invalid_request", "bot_id" },
        { """{"bot_id":"BOT","message":["hi"],"session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi","session_id":7}""", "invalid_request", "session_id" },
        { """{"bot_id":"BOT","message":"hi","session_id":"s","conversation_id":12}""", "invalid_request", "conversation_id" },
        { """{"bot_id":"BOT","message":"hi","session_id":"s","recaptcha_token":false}""", "invalid_request", "recaptcha_token" },
        { """{"bot_id":"BOT","message":"   ","session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi\u0000there","session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi","session_id":"s\u0000"}""", "invalid_request", "session_id" },
        { """{"bot_id":"BOT","message":"hi \ud800 there","session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi \udc00","session_id":"s"}""", "invalid_request", "message" },
        { """{"bot_id":"BOT","message":"hi","session_id":""}""", "invalid_request", "session_id" },
        { """{"bot_id":"","message":"hi","session_id":"s"}""", "invalid_request", "bot_id" },
        { """{"bot_id":null,"message":"hi","session_id":"s"}""", "invalid_request", "bot_id" },
        { "{\"bot_id\":\"BOT\",\"message\":\"" + new string('x', 8001) + "\",\"session_id\":\"s\"}", "invalid_request", "message" },
        { "{\"bot_id\":\"BOT\",\"message\":\"hi\",\"session_id\":\"" + new string('s', 129) + "\"}", "invalid_request", "session_id" },
        { """{"bot_id":"BOT","message":"hi","session_id":"s",""", "malformed_json", null },
        { "not json at all", "malformed_json", null },
        { """["bot_id","message"]""", "malformed_json", null },
        { "", "malformed_json", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field(string body, string error, string? field)
    {
        var (status, json) = await PostAsync(body.Replace("BOT", _botId, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
        if (field is null)
            Assert.False(json.TryGetProperty("field", out _));
        else
            Assert.Equal(field, json.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_larger_than_64_KiB_is_refused_without_reading_it_all()
    {
        var (status, json) = await PostAsync("{\"bot_id\":\"" + _botId + "\",\"message\":\"" + new string('x', 70_000) + "\",\"session_id\":\"s\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request_too_large", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_bot_is_a_404()
    {
        var (status, json) = await PostAsync($$"""{"bot_id":"{{Guid.NewGuid()}}","message":"hi","session_id":"s"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("bot_not_found", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_extra_fields_are_ignored_and_a_null_conversation_starts_a_new_one()
    {
        using var client = App.NewHttpClient();
        using var content = new StringContent(
            $$"""{"bot_id":"{{_botId}}","message":"How long do refunds take?","session_id":"s1","conversation_id":null,"page_url":"https://x"}""",
            Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/public/chat/stream", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"type\":\"done\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string body)
    {
        using var client = App.NewHttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/public/chat/stream", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
