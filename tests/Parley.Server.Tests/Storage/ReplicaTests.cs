using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>Two replicas over one PostgreSQL and one Redis serve as one deployment.</summary>
public sealed class ReplicaTests(ReplicaSet replicas) : IClassFixture<ReplicaSet>
{
    [Fact]
    public async Task Replicas_started_together_on_an_empty_database_seed_one_demo_bot_that_both_know()
    {
        using var admin = replicas.A.Admin();
        var demoWorkspaces = (await admin.GetAsync("/v1/workspaces")).EnumerateArray()
            .Where(w => w.GetProperty("name").GetString() == "Demo").ToList();
        var demoBots = (await admin.GetAsync("/v1/bots")).EnumerateArray()
            .Where(b => b.GetProperty("name").GetString() == "Parley demo").ToList();

        var workspace = Assert.Single(demoWorkspaces);
        var bot = Assert.Single(demoBots);
        Assert.Equal(workspace.GetProperty("id").GetString(), bot.GetProperty("workspace_id").GetString());
        var botId = bot.GetProperty("id").GetString()!;
        foreach (var replica in new[] { replicas.A, replicas.B })
            Assert.Equal(botId, PrintedBanner.DemoBot(await replica.Process.WaitForBannerAsync()));

        // Whichever replica seeded it, the citations link through the proxy, not to a replica's own address.
        var answer = await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "How do I embed the chat widget on my site?", ChatStreams.NewSession()));
        Assert.NotEmpty(answer.Citations!);
        Assert.All(answer.Citations!, c => Assert.StartsWith($"{ReplicaSet.PublicUrl}/docs/", c.SourceUrl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bot_deactivated_through_one_replica_is_refused_at_once_by_the_other()
    {
        using var admin = replicas.A.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        // B now holds the bot in its cache, which this deployment keeps for ten minutes.
        await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));

        await admin.PatchAsync($"/v1/bots/{botId}", new { active = false });

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(replicas.B, botId, ChatStreams.NewSession()));
    }

    [Fact]
    public async Task A_trial_ended_through_one_replica_is_enforced_at_once_by_the_other()
    {
        using var admin = replicas.A.Admin();
        var workspaceId = await admin.CreateWorkspaceAsync(trialEndsAt: DateTimeOffset.UtcNow.AddDays(7));
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspaceId);
        await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));

        await admin.PatchAsync($"/v1/workspaces/{workspaceId}", new { trial_ends_at = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(replicas.B, botId, ChatStreams.NewSession()));
    }

    [Fact]
    public async Task A_workspace_key_revoked_through_one_replica_is_refused_by_the_other_on_its_very_next_request()
    {
        using var admin = replicas.A.Admin();
        var workspaceId = await admin.CreateWorkspaceAsync();
        var created = await admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { name = "leaked" });
        using var onB = replicas.B.NewHttpClient(created.GetProperty("key").GetString());
        // B has just accepted the key, so anything B kept of it would now be fresh.
        (await onB.GetReplyAsync($"/v1/workspaces/{workspaceId}")).AssertStatus(HttpStatusCode.OK);

        (await admin.Http.DeleteReplyAsync($"/v1/workspaces/{workspaceId}/api_keys/{created.GetProperty("id").GetString()}"))
            .AssertStatus(HttpStatusCode.NoContent);

        (await onB.GetReplyAsync($"/v1/workspaces/{workspaceId}")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Saved_answers_given_on_both_replicas_at_once_are_each_counted()
    {
        using var admin = replicas.A.Admin();
        var botId = await admin.CreateBotAsync();
        const string question = "Can I return a sale item?";
        const string answer = "Sale items can be returned within 14 days, like any other item.";
        var sourceId = (await admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question, answer })).GetProperty("id").GetString()!;

        var asked = await Task.WhenAll(new[] { replicas.A, replicas.B, replicas.A, replicas.B, replicas.A, replicas.B }
            .Select(r => r.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()))));

        Assert.All(asked, a => Assert.Equal(answer, a.Text));
        using var other = replicas.B.Admin();
        Assert.Equal(6, (await other.GetAsync($"/v1/bots/{botId}/sources/{sourceId}")).GetProperty("hits").GetInt32());
    }

    [Fact]
    public async Task Sites_refused_on_both_replicas_are_counted_together()
    {
        using var admin = replicas.A.Admin();
        var botId = await admin.CreateBotAsync(new { allowed_domains = new[] { "shop.example" } });

        foreach (var replica in new[] { replicas.A, replicas.B, replicas.B })
        {
            using var page = replica.NewHttpClient();
            page.DefaultRequestHeaders.Add("Origin", "https://www.shop.example");
            (await page.GetReplyAsync($"/v1/public/bots/{botId}/widget")).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
        }

        // A's own refusal is there at once; B's arrive with B's next write of its counts, within ten seconds.
        var until = DateTime.UtcNow.AddSeconds(30);
        long count;
        do
        {
            var listed = (await admin.GetAsync($"/v1/bots/{botId}/refused_origins")).EnumerateArray().ToList();
            count = listed.Count == 0 ? 0 : Assert.Single(listed).GetProperty("count").GetInt64();
            if (count < 3)
                await Task.Delay(500);
        }
        while (count < 3 && DateTime.UtcNow < until);

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task A_conversation_alternating_between_replicas_keeps_its_history()
    {
        using var admin = replicas.A.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var first = await replicas.A.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", "alternating-visitor"));
        var second = await replicas.B.PublicChat().AskAsync(
            new ChatRequest(botId, "What does express delivery cost?", "alternating-visitor", first.ConversationId));
        var third = await replicas.A.PublicChat().AskAsync(
            new ChatRequest(botId, "Is limescale damage covered by the warranty?", "alternating-visitor", second.ConversationId));

        Assert.Equal(first.ConversationId, third.ConversationId);
        using var otherAdmin = replicas.B.Admin();
        var conversation = await otherAdmin.GetAsync($"/v1/conversations/{first.ConversationId}");
        var questions = conversation.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .Select(m => m.GetProperty("content").GetString())
            .ToList();
        Assert.Equal(["Can I return an item?", "What does express delivery cost?", "Is limescale damage covered by the warranty?"], questions);
        Assert.Equal(6, conversation.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_rate_limit_of_n_holds_exactly_across_both_replicas()
    {
        using var admin = replicas.A.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { rate_limit = new { max_messages = 5, window_seconds = 60 } });

        // Each replica alone would let 5 through; counted in Redis, the two together let exactly 5 through.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostAsync(i % 2 == 0 ? replicas.A : replicas.B, botId, "limited-session")));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task An_ingestion_job_submitted_to_one_replica_is_processed_once()
    {
        const int Pages = 10;
        replicas.Site.Delay = TimeSpan.FromMilliseconds(50);
        for (var i = 0; i < Pages; i++)
        {
            var next = i + 1 < Pages ? new[] { $"/guide/{i + 1}" } : [];
            replicas.Site.Page($"/guide/{i}", FakeSite.Html($"Guide {i}", $"<p>Step {i} of the setup guide sets dial {i} to position P{i * 3}.</p>", next));
        }

        using var admin = replicas.A.Admin();
        var botId = await admin.CreateBotAsync();
        var sourceId = await admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = replicas.Site.Url("/guide/0"), max_pages = 50, max_depth = 20 });
        using var otherAdmin = replicas.B.Admin();
        var source = await otherAdmin.WaitForSyncAsync(botId, sourceId, TimeSpan.FromSeconds(90));

        Assert.Equal("ready", source.GetProperty("status").GetString());
        for (var i = 0; i < Pages; i++)
            Assert.Equal(1, replicas.Site.Hits($"/guide/{i}"));
        var answer = await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "Which position does step 9 of the setup guide set dial 9 to?", ChatStreams.NewSession()));
        Assert.Contains("P27", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_a_replica_mid_stream_leaves_the_other_serving_its_conversations_and_refunds_the_cut_turn()
    {
        var doomed = await replicas.StartReplicaAsync();
        using var admin = doomed.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var first = await doomed.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", "survivor"));
        using var survivorAdmin = replicas.B.Admin();
        var workspaceId = (await survivorAdmin.GetAsync($"/v1/bots/{botId}")).GetProperty("workspace_id").GetString()!;
        var before = await CreditsAsync(survivorAdmin, workspaceId);

        // Embedding the next question now takes long, so the doomed replica's stream is open, mid-turn, when it dies.
        replicas.Embeddings.Delay = TimeSpan.FromSeconds(20);
        var cut = false;
        try
        {
            await foreach (var e in doomed.PublicChat().StreamAsync(new ChatRequest(botId, "What does express delivery cost?", "survivor", first.ConversationId)))
            {
                Assert.IsNotType<DoneEvent>(e);
                if (!cut)
                {
                    cut = true;
                    await doomed.Process.KillAsync();
                    replicas.Embeddings.Delay = TimeSpan.Zero;
                }
            }

            Assert.Fail("The stream of a killed replica ended as if nothing had happened.");
        }
        catch (Exception) when (!cut)
        {
            replicas.Embeddings.Delay = TimeSpan.Zero;
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ParleyException)
        {
            // The visitor's connection broke with the replica, as it would in production; the widget retries elsewhere.
        }

        Assert.True(cut, "the doomed replica's stream never started");
        // The cut turn's reservation is still taken, until its lease (3 s here) runs out unrenewed; then a survivor gives it all back.
        Assert.True(await CreditsAsync(survivorAdmin, workspaceId) < before, "the cut turn held no credits");
        var refundedBy = DateTime.UtcNow.AddSeconds(30);
        while (await CreditsAsync(survivorAdmin, workspaceId) != before && DateTime.UtcNow < refundedBy)
            await Task.Delay(200);
        Assert.Equal(before, await CreditsAsync(survivorAdmin, workspaceId));

        var elsewhere = await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "What does express delivery cost?", "survivor", first.ConversationId));
        Assert.Equal(first.ConversationId, elsewhere.ConversationId);
        Assert.Contains("express", elsewhere.Text, StringComparison.OrdinalIgnoreCase);
        var fresh = await replicas.B.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));
        Assert.Contains("30 days", fresh.Text, StringComparison.Ordinal);
        var conversation = await survivorAdmin.GetAsync($"/v1/conversations/{first.ConversationId}");
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
        // The two answers on the survivor cost one credit each, and the refund was not given twice.
        Assert.Equal(before - 2, await CreditsAsync(survivorAdmin, workspaceId));
    }

    private static async Task<decimal> CreditsAsync(AdminApi admin, string workspaceId) =>
        (await admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();

    private static async Task<HttpStatusCode> PostAsync(Replica replica, string botId, string session)
    {
        using var client = replica.NewHttpClient();
        using var content = new StringContent(
            JsonSerializer.Serialize(new { bot_id = botId, message = "How long does shipping take?", session_id = session }), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/public/chat/stream", content);
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }
}
