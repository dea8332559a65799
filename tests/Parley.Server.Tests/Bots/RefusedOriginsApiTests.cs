using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

/// <summary>
/// The sites a bot's allowed domains refused are counted and listed for the owner, who can then allow one of
/// their own that was forgotten.
/// </summary>
public class RefusedOriginsApiTests : ParleyTest
{
    [Fact]
    public async Task Refused_sites_are_listed_with_their_count_and_last_refusal_most_refused_first()
    {
        var botId = await Admin.CreateBotAsync(new { allowed_domains = new[] { "shop.example" } });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        for (var i = 0; i < 3; i++)
            (await ChatFromAsync(botId, "https://www.shop.example")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
        (await WidgetFromAsync(botId, "http://Staging.Shop.Example:8080")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");

        var listed = (await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray().ToList();

        Assert.Equal(2, listed.Count);
        AssertRefused(listed[0], "https://www.shop.example", "www.shop.example", 3);
        AssertRefused(listed[1], "http://staging.shop.example:8080", "staging.shop.example:8080", 1);
        Assert.All(listed, r => Assert.InRange(r.GetProperty("last_seen").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(["origin", "domain", "count", "last_seen"], listed[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Allowed_sites_and_requests_that_name_no_site_are_not_listed()
    {
        var botId = await Admin.CreateBotAsync(new { allowed_domains = new[] { "shop.example" } });

        (await WidgetFromAsync(botId, "https://shop.example")).AssertStatus(HttpStatusCode.OK);
        (await WidgetFromAsync(botId, null)).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
        (await WidgetFromAsync(botId, "null")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");

        Assert.Empty((await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray());
    }

    [Fact]
    public async Task A_bot_open_to_every_site_refuses_none()
    {
        var botId = await Admin.CreateBotAsync();

        (await WidgetFromAsync(botId, "https://anywhere.example")).AssertStatus(HttpStatusCode.OK);

        Assert.Empty((await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray());
    }

    [Fact]
    public async Task A_refused_site_added_to_the_allowed_domains_leaves_the_list_and_is_answered()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { allowed_domains = new[] { "shop.example" } });
        (await ChatFromAsync(botId, "https://www.shop.example")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
        (await ChatFromAsync(botId, "https://elsewhere.example")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
        var refused = (await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray().ToList();
        var domain = refused.Single(r => r.GetProperty("origin").GetString() == "https://www.shop.example").GetProperty("domain").GetString()!;

        await Admin.PatchAsync($"/v1/bots/{botId}", new { allowed_domains = new[] { "shop.example", domain } });

        var listed = (await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray().Select(r => r.GetProperty("origin").GetString());
        Assert.Equal(["https://elsewhere.example"], listed);
        (await ChatFromAsync(botId, "https://www.shop.example")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_is_bounded_and_keeps_the_most_refused_sites_and_the_newest_ones()
    {
        var botId = await Admin.CreateBotAsync(new { allowed_domains = new[] { "shop.example" } });
        for (var site = 0; site < 30; site++)
        {
            for (var i = 0; i < 3; i++)
                await WidgetFromAsync(botId, $"https://frequent-{site:00}.example");
        }

        await Admin.GetAsync($"/v1/bots/{botId}/refused_origins");
        for (var site = 0; site < 40; site++)
            await WidgetFromAsync(botId, $"https://flood-{site:00}.example");

        var listed = (await Admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray().ToList();

        Assert.Equal(50, listed.Count);
        Assert.Equal(25, listed.Count(r => r.GetProperty("count").GetInt64() == 3));
        // However many new sites arrive, the newest are still shown beside the most refused.
        Assert.Equal(25, listed.Count(r => r.GetProperty("origin").GetString()!.StartsWith("https://flood-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Another_workspaces_bot_is_a_404()
    {
        var otherBot = await Admin.CreateBotAsync(new { allowed_domains = new[] { "shop.example" } });
        var key = await Admin.CreateWorkspaceKeyAsync(await Admin.CreateWorkspaceAsync());
        using var http = App.NewHttpClient(key);

        (await http.GetReplyAsync($"/v1/bots/{otherBot}/refused_origins")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await App.NewHttpClient().GetReplyAsync($"/v1/bots/{otherBot}/refused_origins")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static void AssertRefused(JsonElement refused, string origin, string domain, long count)
    {
        Assert.Equal(origin, refused.GetProperty("origin").GetString());
        Assert.Equal(domain, refused.GetProperty("domain").GetString());
        Assert.Equal(count, refused.GetProperty("count").GetInt64());
    }

    private async Task<ApiReply> ChatFromAsync(string botId, string origin)
    {
        using var http = App.NewHttpClient(headers: new Dictionary<string, string> { ["Origin"] = origin });
        return await http.SendReplyAsync(HttpMethod.Post, "/v1/public/chat/stream",
            new { bot_id = botId, message = "Can I return an item?", session_id = ChatStreams.NewSession() });
    }

    private async Task<ApiReply> WidgetFromAsync(string botId, string? origin)
    {
        using var http = App.NewHttpClient(headers: origin is null ? null : new Dictionary<string, string> { ["Origin"] = origin });
        return await http.GetReplyAsync($"/v1/public/bots/{botId}/widget");
    }
}
