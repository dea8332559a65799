using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>A bot's rate limit holds exactly, per session and per client IP, even under concurrent requests.</summary>
public class RateLimitTests : ParleyTest
{
    // The test client connects from loopback: trust it as a reverse proxy so X-Forwarded-For can stand for visitors.
    protected override void Configure(ParleyApp app) => app.With("Parley:Network:TrustedProxies:0", "127.0.0.1");

    [Fact]
    public async Task Concurrent_messages_from_one_session_get_exactly_the_limit_through()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 5, window_seconds = 60 } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostAsync(botId, "same-session", $"10.0.0.{i + 1}")));

        Assert.Equal(5, responses.Count(r => r.Status == HttpStatusCode.OK));
        var limited = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(15, limited.Count);
        Assert.All(limited, r =>
        {
            Assert.Equal("rate_limited", JsonDocument.Parse(r.Body).RootElement.GetProperty("error").GetString());
            Assert.InRange(r.RetryAfterSeconds!.Value, 1, 60);
        });
    }

    [Fact]
    public async Task A_visitor_cannot_escape_the_limit_with_new_session_ids()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 4, window_seconds = 60 } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => PostAsync(botId, $"session-{i}", "203.0.113.7")));

        Assert.Equal(4, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(8, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Different_visitors_have_separate_limits()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 2, window_seconds = 60 } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync(botId, $"session-{i}", $"198.51.100.{i + 1}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    [Fact]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 3, window_seconds = 60 } });

        var responses = new List<Reply>();
        for (var i = 0; i < 6; i++)
            responses.Add(await PostAsync(app, botId, $"session-{i}", $"192.0.2.{i + 1}"));

        Assert.Equal(3, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_window_slides_so_a_visitor_may_write_again_once_it_has_passed()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 2, window_seconds = 1 } });

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(botId, "s", "192.0.2.50")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(botId, "s", "192.0.2.50")).Status);
        var limited = await PostAsync(botId, "s", "192.0.2.50");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(1, limited.RetryAfterSeconds);

        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(botId, "s", "192.0.2.50")).Status);
    }

    [Fact]
    public async Task A_bot_created_without_a_rate_limit_takes_20_messages_a_minute_from_a_visitor()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        var botId = (await Admin.PostAsync("/v1/bots", new { workspace_id = workspace, name = "Fresh bot" })).GetProperty("id").GetString()!;

        var limit = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("rate_limit");
        Assert.Equal((20, 60), (limit.GetProperty("max_messages").GetInt32(), limit.GetProperty("window_seconds").GetInt32()));
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => PostAsync(botId, "one-visitor", "192.0.2.80")));

        Assert.Equal(20, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(4, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }

    private Task<Reply> PostAsync(string botId, string session, string visitorIp) => PostAsync(App, botId, session, visitorIp);

    private static async Task<Reply> PostAsync(ParleyApp app, string botId, string session, string visitorIp)
    {
        using var client = app.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/public/chat/stream")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { bot_id = botId, message = "How long does shipping take?", session_id = session }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", visitorIp);
        using var response = await client.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    private sealed record Reply(HttpStatusCode Status, string Body, int? RetryAfterSeconds);
}
