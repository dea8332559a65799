using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary><c>POST /v1/bots/{id}/search</c> shows what an answer would be given, ranked, without answering.</summary>
public class SearchApiTests : ParleyTest
{
    [Fact]
    public async Task A_search_ranks_the_page_that_answers_first_one_passage_per_page_and_costs_nothing()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 3);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "When will my money come back?", limit = 3 });

        reply.AssertStatus(HttpStatusCode.OK);
        var passages = reply.Json.GetProperty("passages").EnumerateArray().ToList();
        Assert.InRange(passages.Count, 1, 3);
        Assert.Equal("Refund policy", passages[0].GetProperty("page_title").GetString());
        Assert.Equal(1, passages[0].GetProperty("rank").GetInt32());
        Assert.StartsWith(SampleKnowledge.Refunds.Url, passages[0].GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.Contains("refund", passages[0].GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(passages.Count, passages.Select(p => p.GetProperty("page_title").GetString()).Distinct().Count());
        Assert.Equal(3m, (await Admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Theory]
    [InlineData("Refunds")]
    [InlineData("What about a refund?")]
    public async Task A_question_with_a_single_word_that_counts_finds_its_page(string query)
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query });

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Refund policy", reply.Json.GetProperty("passages")[0].GetProperty("page_title").GetString());
    }

    [Theory]
    [InlineData("""{}""", "query")]
    [InlineData("""{"query": ""}""", "query")]
    [InlineData("""{"query": "refunds", "limit": 0}""", "limit")]
    [InlineData("""{"query": "refunds", "limit": 51}""", "limit")]
    [InlineData("""{"query": "refunds", "top_k": 5}""", "top_k")]
    public async Task A_bad_search_is_refused_naming_the_field(string body, string field)
    {
        var botId = await Admin.CreateBotAsync();

        var reply = await Admin.Http.SendRawAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", body);

        reply.AssertInvalid(field);
    }

    [Fact]
    public async Task By_words_the_page_holding_most_of_the_question_and_then_its_rare_word_lead_however_many_pages_hold_its_common_words()
    {
        // More pages share the question's common words than a database search takes as candidates (100 at most), so only a
        // search that asks for the pages holding the most words, and the rarer ones, first finds the two below.
        var botId = await Admin.CreateBotAsync(new { embedding = new { provider = "none" } });
        for (var i = 0; i < 230; i++)
            await Admin.AddTextAsync(botId, $"Kettle guide {i}", $"Kettle model {i} comes with a two-year warranty on its heating element.", $"https://shop.test/kettles/{i}");
        await Admin.AddTextAsync(botId, "Zorbulator kettles", "The zorbulator kettle has its own care sheet.", "https://shop.test/zorbulator");
        await Admin.AddTextAsync(botId, "Zorbulator warranty", "A zorbulator kettle carries a lifetime warranty.", "https://shop.test/zorbulator-warranty");

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "zorbulator kettle warranty", limit = 3 });

        reply.AssertStatus(HttpStatusCode.OK);
        var pages = reply.Json.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("page_title").GetString()).ToList();
        Assert.Equal(["Zorbulator warranty", "Zorbulator kettles"], pages.Take(2));
    }

    [Fact]
    public async Task Another_workspaces_bot_cannot_be_searched()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var otherWorkspace = await Admin.CreateWorkspaceAsync();
        using var tenant = App.NewHttpClient(await Admin.CreateWorkspaceKeyAsync(otherWorkspace));

        var reply = await tenant.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "refunds" });

        reply.AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }
}
