using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>The in-stream events for filtered answers and degraded or failing backends.</summary>
public class FiltersAndFailuresTests : BackendTest
{
    private const string ContactPage =
        """
        # Contact

        Write to support@shop.example.com or call +49 30 1234 5678 for help with your order.
        """;

    [Fact]
    public async Task Personal_data_in_an_answer_is_replaced_by_a_redacted_answer()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { filters = new { redact_pii = true } });
        await admin.AddTextAsync(botId, "Contact", ContactPage);

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How do I contact support about my order?", ChatStreams.NewSession()));

        Assert.Contains("support@shop.example.com", events.Text(), StringComparison.Ordinal);
        var replace = Assert.IsType<ReplaceEvent>(events[^2]);
        Assert.DoesNotContain("support@shop.example.com", replace.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("1234 5678", replace.Content, StringComparison.Ordinal);
        Assert.Contains("[email removed]", replace.Content, StringComparison.Ordinal);
        Assert.Contains("[phone number removed]", replace.Content, StringComparison.Ordinal);
        Assert.IsType<DoneEvent>(events[^1]);

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I contact support about my order?", ChatStreams.NewSession()));
        Assert.Equal(replace.Content, answer.Text);
    }

    [Fact]
    public async Task Without_redaction_the_same_answer_is_not_replaced()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Contact", ContactPage);

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How do I contact support about my order?", ChatStreams.NewSession()));

        Assert.DoesNotContain(events, e => e is ReplaceEvent);
        Assert.Contains("support@shop.example.com", events.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_a_blocked_term_ends_with_content_filtered()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { filters = new { blocked_terms = new[] { "Warehouse" } } });

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var error = Assert.IsType<ErrorEvent>(events[^1]);
        Assert.Equal("content_filtered", error.Error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain(events, e => e is DoneEvent);
        Assert.DoesNotContain("warehouse", events.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stray_nul_from_the_model_is_dropped_and_the_answer_ends_with_done_and_is_kept()
    {
        var generator = new ScriptedChatClient { Reply = "Refunds take\0 five days. ", Pace = TimeSpan.FromMilliseconds(1) };
        await using var app = await StartAppAsync(a => a.WithGenerator(generator));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("Refunds take five days.", events.Text().Trim());
        var stored = (await admin.GetAsync($"/v1/conversations/{done.ConversationId}")).GetProperty("messages")[1];
        Assert.Equal(done.AssistantMessageId, stored.GetProperty("id").GetString());
        Assert.Equal("Refunds take five days.", stored.GetProperty("content").GetString()!.Trim());
    }

    [Fact]
    public async Task A_blocked_term_split_across_pieces_never_reaches_the_visitor_and_stops_the_generator()
    {
        var generator = new ScriptedChatClient { Words = 400, Pace = TimeSpan.FromMilliseconds(2) };
        await using var app = await StartAppAsync(a => a.WithGenerator(generator));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { filters = new { blocked_terms = new[] { "word7 word8" } } });

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("content_filtered", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.StartsWith("word0 word1 ", events.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("word7 word8", events.Text(), StringComparison.Ordinal);
        Assert.InRange(generator.Produced, 9, 20);
    }

    [Fact]
    public async Task When_retrieval_fails_the_bot_still_answers_after_a_rag_unavailable_notice()
    {
        await using var app = await StartAppAsync(a => a.WithFailingSearch());
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(new StatusEvent("retrieving"), events[0]);
        var notice = Assert.IsType<NoticeEvent>(events[1]);
        Assert.Equal("rag_unavailable", notice.Code);
        Assert.Equal(new StatusEvent("generating"), events[2]);
        Assert.IsType<DoneEvent>(events[^1]);
        Assert.NotEmpty(events.Text());
    }

    [Fact]
    public async Task A_generator_that_fails_before_answering_ends_the_stream_with_service_unavailable_and_costs_nothing()
    {
        await using var app = await StartAppAsync(a => a.WithGenerator(new ScriptedChatClient { FailAfter = 0 }));
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync(credits: 5);
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(new ErrorEvent("service_unavailable", events.OfType<ErrorEvent>().Single().Message), events[^1]);
        Assert.DoesNotContain(events, e => e is DoneEvent or ContentEvent);
        Assert.Equal(5m, (await admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task A_generator_that_fails_midway_ends_the_started_stream_with_service_unavailable()
    {
        await using var app = await StartAppAsync(a => a.WithGenerator(new ScriptedChatClient { FailAfter = 3, Pace = TimeSpan.FromMilliseconds(1) }));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(3, events.OfType<ContentEvent>().Count());
        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
    }
}
