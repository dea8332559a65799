using System.Text.RegularExpressions;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// The offline extractive generator, through the public stream, with embeddings on (the default) and off:
/// answers made of whole, clean, distinct sentences that answer the question, streamed a few words at a time,
/// cited, and an honest "I don't know" when the knowledge holds nothing close enough.
/// </summary>
public partial class ExtractiveAnswerTests : BackendTest
{
    private const string KettleCare =
        """
        # Descaling your kettle {#descaling}

        ## Why descale?

        Limescale builds up in every kettle used with hard water. **Descale your kettle once a month** to keep it
        working well; the [care guide](https://kettle.example.com/care) has more tips.

        | Model | Interval |
        |-------|----------|
        | K100 | monthly |

        Material | Safe to use
        Steel | yes

        To descale, fill the kettle half way with equal parts of water
        and *white vinegar*, boil it, and leave it for an hour.

        ```sh
        descale --kettle K100 --mode=vinegar
        ```

        - Never use `bleach` to descale a kettle, it damages the seals.
        - Visit https://kettle.example.com/vinegar for more about vinegar.
        """;

    private const string AboutUs =
        """
        Our company was founded in 1998 in Hamburg by two engineers. We drink a lot of tea in the office.
        Every kettle we sell has a warranty of two years against manufacturing defects. Our office dog is called Bruno
        and greets every visitor.
        """;

    private const string ShippingFaq =
        """
        # Shipping FAQ

        Orders above 50 euros ship free within the European Union. Parcels are sent with DHL.
        """;

    private const string ShippingRates =
        """
        # Shipping rates

        All orders above 50 euros ship for free within the European Union. Below that, shipping costs 4.90 euros.
        """;

    private const string DeliveryNotes =
        """
        Within the EU, shipping is free for all orders over 50 euros.
        """;

    public static TheoryData<string> Embeddings => new() { "local", "none" };

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task An_answer_from_markdown_keeps_its_formatting_but_no_debris_and_no_cut_sentences(string embeddings)
    {
        await using var app = await StartAsync(embeddings);
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Kettle care", KettleCare, "https://kettle.example.com/care#descaling");

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How do I descale my kettle with vinegar?", ChatStreams.NewSession()));
        var answer = events.Text();

        // Markdown the widget renders safely stays (emphasis, inline code); what only a page needs goes (anchors, headings).
        Assert.Contains("fill the kettle half way with equal parts of water and *white vinegar*, boil it, and leave it for an hour.", answer, StringComparison.Ordinal);
        foreach (var debris in new[] { "#", "{", "Model | Interval", "Steel" })
            Assert.DoesNotContain(debris, answer, StringComparison.Ordinal);
        AssertWholeSentences(answer);
        var citation = Assert.Single(Assert.IsType<DoneEvent>(events[^1]).Citations!);
        Assert.Equal("Kettle care", citation.PageTitle);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_fact_stated_on_two_pages_is_said_once(string embeddings)
    {
        await using var app = await StartAsync(embeddings);
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Shipping FAQ", ShippingFaq, "https://shop.example.com/faq/shipping");
        await admin.AddTextAsync(botId, "Shipping rates", ShippingRates, "https://shop.example.com/shipping");
        await admin.AddTextAsync(botId, "Shipping FAQ (old copy)", ShippingFaq, "https://shop.example.com/old/faq");
        await admin.AddTextAsync(botId, "Delivery notes", DeliveryNotes, "https://shop.example.com/delivery");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "Do orders above 50 euros ship free?", ChatStreams.NewSession()));

        Assert.Equal(1, Regex.Count(answer.Text, "(above|over) 50 euros"));
        var sentences = SentencesOf(answer.Text);
        Assert.Equal(sentences.Count, sentences.Distinct().Count());
        Assert.NotEmpty(answer.Citations!);
        AssertWholeSentences(answer.Text);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task Only_the_sentences_that_answer_are_quoted_and_only_their_page_is_cited(string embeddings)
    {
        await using var app = await StartAsync(embeddings);
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        await admin.AddTextAsync(botId, "About us", AboutUs, "https://shop.example.com/about");

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long is the warranty on a kettle?", ChatStreams.NewSession()));
        var answer = events.Text();

        Assert.Contains("two-year warranty", answer, StringComparison.Ordinal);
        foreach (var offTopic in new[] { "Bruno", "tea", "1998", "Hamburg", "Standard shipping", "refund" })
            Assert.DoesNotContain(offTopic, answer, StringComparison.Ordinal);
        var citations = Assert.IsType<DoneEvent>(events[^1]).Citations!;
        Assert.Equal("Warranty", citations[0].PageTitle);
        Assert.DoesNotContain(citations, c => c.PageTitle is "Shipping" or "Refund policy");
        Assert.All(citations, c => Assert.Contains(c.PageTitle, new[] { "Warranty", "About us" }));
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task The_answer_streams_a_few_whole_words_at_a_time(string embeddings)
    {
        await using var app = await StartAsync(embeddings);
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long does standard shipping take and what does it cost?", ChatStreams.NewSession()));
        var pieces = events.OfType<ContentEvent>().Select(e => e.Content).ToList();
        var answer = string.Concat(pieces);

        Assert.Contains("Standard shipping takes 3 to 5 working days", answer, StringComparison.Ordinal);
        Assert.True(pieces.Count >= 4, $"expected the answer in several pieces, got {pieces.Count}: {answer}");
        Assert.All(pieces, p => Assert.InRange(p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 6));
        // Every piece but the last ends after a whole word, so no word is split between two events.
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith(" ", p, StringComparison.Ordinal));
        Assert.NotEmpty(Assert.IsType<DoneEvent>(events[^1]).Citations!);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task Below_the_relevance_bar_the_bot_says_it_does_not_know_even_when_search_returns_passages(string embeddings)
    {
        // Retrieval's own bars at zero: every question gets passages, so only the answer step can decline.
        await using var app = await StartAsync(embeddings, a => a.With("Parley:Retrieval:MinRelevance", "0").With("Parley:Retrieval:MinCoverage", "0"));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        foreach (var question in new[] { "Can I pay for a kettle with bitcoin?", "Who painted the Mona Lisa?" })
        {
            var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));
            Assert.Contains("couldn't find", answer.Text, StringComparison.Ordinal);
            Assert.Empty(answer.Citations!);
        }

        var known = await app.PublicChat().AskAsync(new ChatRequest(botId, "How much does express delivery cost?", ChatStreams.NewSession()));
        Assert.Contains("12 euros", known.Text, StringComparison.Ordinal);
        // Every page was retrieved; only the one the answer quotes is cited.
        Assert.Equal("Shipping", Assert.Single(known.Citations!).PageTitle);
    }

    [Fact]
    public async Task With_embeddings_a_question_in_other_words_is_answered_by_meaning()
    {
        await using var app = await StartAsync("local");
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "When will I get my money back after sending something back?", ChatStreams.NewSession()));

        Assert.DoesNotContain("couldn't find", answer.Text, StringComparison.Ordinal);
        Assert.Contains("refund", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
    }

    private Task<ParleyApp> StartAsync(string embeddings, Action<ParleyApp>? configure = null) =>
        StartAppAsync(app =>
        {
            app.With("Parley:Embeddings:Provider", embeddings);
            configure?.Invoke(app);
        });

    private static List<string> SentencesOf(string answer) =>
        SentenceEnd().Split(answer).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>Each sentence starts with a capital or digit and ends with its own punctuation: nothing was cut off.</summary>
    private static void AssertWholeSentences(string answer)
    {
        // A code block quoted with its sentence is no prose: its lines are commands, not sentences.
        answer = CodeBlock().Replace(answer, "").Trim();
        Assert.Matches("[.!?]$", answer);
        foreach (var sentence in SentencesOf(string.Join(' ', answer.Split('\n').Where(l => !l.StartsWith("- ", StringComparison.Ordinal)))))
        {
            // A sentence may open with emphasis or inline code: "**Descale it monthly** to keep it working."
            var first = sentence.TrimStart('*', '_', '`')[0];
            Assert.True(char.IsUpper(first) || char.IsDigit(first), $"'{sentence}' does not start like a sentence in: {answer}");
        }
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"```[^\n]*\n.*?\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
