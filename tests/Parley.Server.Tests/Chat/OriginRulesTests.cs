using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>A bot's allowed domains, checked against the Origin (or Referer) of each public request.</summary>
public class OriginRulesTests : ParleyTest
{
    private readonly Dictionary<string, string> _bots = new(StringComparer.Ordinal);

    public static TheoryData<string, string?, string?, bool> Cases => new()
    {
        // allowed domains (comma-separated), Origin, Referer, allowed?
        { "", null, null, true },
        { "", "https://anything.test", null, true },
        { "example.com", "https://example.com", null, true },
        { "example.com", "https://EXAMPLE.com", null, true },
        { "Example.COM", "https://example.com", null, true },
        { "example.com", "https://example.com.", null, true },
        { "example.com", "http://example.com:8080", null, true },
        { "example.com", "https://evil-example.com", null, false },
        { "example.com", "https://example.com.evil.com", null, false },
        { "example.com", "https://notexample.com", null, false },
        { "example.com", "https://shop.example.com", null, false },
        { "example.com", "null", null, false },
        { "example.com", null, null, false },
        { "example.com", null, "https://example.com/pricing?x=1", true },
        { "example.com", null, "https://evil.com/?https://example.com", false },
        { "example.com", "https://evil.com", "https://example.com/", false },
        { "example.com:8443", "https://example.com:8443", null, true },
        { "example.com:8443", "https://example.com", null, false },
        { "example.com:8443", "http://example.com:9000", null, false },
        { "*.example.com", "https://shop.example.com", null, true },
        { "*.example.com", "https://a.b.example.com", null, true },
        { "*.example.com", "https://example.com", null, false },
        { "*.example.com", "https://evilexample.com", null, false },
        { "*.example.com", "https://shop.example.com.evil.com", null, false },
        { "*.example.com", "https://shop-example.com", null, false },
        { "other.org,*.example.com", "https://docs.example.com", null, true },
        { "bücher.example", "https://xn--bcher-kva.example", null, true },
        { "example.com", "ftp://example.com", null, false },
        { "example.com", "not a url", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_origin_is_allowed_only_when_a_listed_domain_matches(string domains, string? origin, string? referer, bool allowed)
    {
        var botId = await BotAllowingAsync(domains);

        using var response = await PostAsync(botId, origin, referer);
        var body = await response.Content.ReadAsStringAsync();

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"type\":\"done\"", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("origin_not_allowed", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task A_cors_preflight_from_a_page_is_answered_so_the_browser_sends_the_post()
    {
        using var client = App.NewHttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/public/chat/stream");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Both_the_answer_and_the_refusal_are_readable_by_the_calling_page()
    {
        var botId = await BotAllowingAsync("*.example.com");

        using var allowed = await PostAsync(botId, "https://shop.example.com", null);
        using var refused = await PostAsync(botId, "https://evil.test", null);

        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("https://evil.test", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private async Task<string> BotAllowingAsync(string domains)
    {
        if (_bots.TryGetValue(domains, out var existing))
            return existing;
        var list = domains.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { allowed_domains = list });
        _bots[domains] = botId;
        return botId;
    }

    private async Task<HttpResponseMessage> PostAsync(string botId, string? origin, string? referer)
    {
        using var client = App.NewHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/public/chat/stream")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { bot_id = botId, message = "How long do refunds take?", session_id = ChatStreams.NewSession() }),
                Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
            request.Headers.TryAddWithoutValidation("Origin", origin);
        if (referer is not null)
            request.Headers.TryAddWithoutValidation("Referer", referer);
        return await client.SendAsync(request);
    }
}
