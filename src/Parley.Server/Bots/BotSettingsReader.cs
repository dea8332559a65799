using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Secrets;

namespace Parley.Server.Bots;

/// <summary>
/// Applies the settings present in a create or update body to a bot. Absent fields keep their value;
/// <c>null</c> clears the optional ones (rate limit, system prompt, welcome message).
/// </summary>
internal static class BotSettingsReader
{
    private static readonly string[] Known =
    [
        "workspace_id", "name", "privacy", "active", "allowed_domains", "rate_limit", "citations_enabled",
        "system_prompt", "welcome_message", "filters", "embedding", "when_knowledge_unavailable", "model", "web_search",
        "suggested_questions", "widget", "qa_match_threshold",
    ];

    public static Bot Apply(Bot bot, JsonFields fields, SecretProtector secrets)
    {
        fields.RejectReadOnly("generator", "It shows what the bot answers with; set 'model' to change it.");
        fields.RejectUnknown(Known);
        fields.RejectNull("name", "privacy", "active", "allowed_domains", "citations_enabled", "filters", "when_knowledge_unavailable", "web_search",
            "suggested_questions", "widget");
        var name = fields.String("name", 200);
        var privacy = Privacy(fields);
        var active = fields.Bool("active");
        var domains = Domains(fields);
        var rateLimit = RateLimit(fields);
        var citations = fields.Bool("citations_enabled");
        var systemPrompt = fields.String("system_prompt", 20_000, allowEmpty: true);
        var welcome = fields.String("welcome_message", 2_000, allowEmpty: true);
        var filters = Filters(fields, bot.Filters);
        var embedding = EmbeddingSettingsReader.Read(fields, bot.Embedding, secrets);
        var knowledgeFallback = WhenKnowledgeUnavailable(fields);
        var model = ModelSettingsReader.Read(fields, bot.Model, secrets);
        var webSearch = WebSearch(fields, bot.WebSearch);
        var suggested = fields.StringList("suggested_questions", 6, 200);
        var widget = WidgetSettingsReader.Read(fields, bot.Widget);
        var qaThreshold = fields.Decimal("qa_match_threshold", 0m, 1m);

        return bot with
        {
            Name = name?.Trim() ?? bot.Name,
            Privacy = privacy ?? bot.Privacy,
            Active = active ?? bot.Active,
            AllowedDomains = domains ?? bot.AllowedDomains,
            RateLimit = fields.Has("rate_limit") ? rateLimit : bot.RateLimit,
            CitationsEnabled = citations ?? bot.CitationsEnabled,
            SystemPrompt = fields.Has("system_prompt") ? Blank(systemPrompt) : bot.SystemPrompt,
            WelcomeMessage = fields.Has("welcome_message") ? Blank(welcome) : bot.WelcomeMessage,
            Filters = filters,
            Embedding = embedding,
            WhenKnowledgeUnavailable = knowledgeFallback ?? bot.WhenKnowledgeUnavailable,
            Model = model,
            WebSearch = webSearch,
            SuggestedQuestions = suggested ?? bot.SuggestedQuestions,
            Widget = widget,
            // null gives the level measured for the bot's embedding model back.
            QaMatchThreshold = fields.Has("qa_match_threshold") ? (double?)qaThreshold : bot.QaMatchThreshold,
        };
    }

    private static BotPrivacy? Privacy(JsonFields fields) => fields.String("privacy", 16) switch
    {
        null => null,
        "public" => BotPrivacy.Public,
        "private" => BotPrivacy.Private,
        _ => Fail<BotPrivacy>(fields, "privacy", "'privacy' must be \"public\" or \"private\"."),
    };

    private static IReadOnlyList<string>? Domains(JsonFields fields)
    {
        var entries = fields.StringList("allowed_domains", 200, 260);
        if (entries is null)
            return null;

        var normalised = new List<string>();
        foreach (var entry in entries)
        {
            if (AllowedDomain.Parse(entry) is not { } domain)
            {
                fields.Fail("allowed_domains", $"'{entry}' is not a host name, a host:port, or a wildcard such as *.example.com.");
                return null;
            }

            var text = domain.ToString();
            if (!normalised.Contains(text))
                normalised.Add(text);
        }

        return normalised;
    }

    private static RateLimitSettings? RateLimit(JsonFields fields)
    {
        var limit = fields.Object("rate_limit");
        if (limit is null)
            return null;
        limit.RejectUnknown("max_messages", "window_seconds");
        var max = limit.Int("max_messages", 1, 1_000_000, required: true);
        var window = limit.Int("window_seconds", 1, 30 * 24 * 3600, required: true);
        return max is { } m && window is { } w ? new RateLimitSettings(m, w) : null;
    }

    private static FilterSettings Filters(JsonFields fields, FilterSettings current)
    {
        var filters = fields.Object("filters");
        if (filters is null)
            return current;
        filters.RejectUnknown("redact_pii", "blocked_terms", "blocked_topics", "grounding", "pii_allow");
        filters.RejectNull("redact_pii", "blocked_terms", "blocked_topics", "grounding", "pii_allow");
        return new FilterSettings(
            filters.Bool("redact_pii") ?? current.RedactPii,
            filters.StringList("blocked_terms", 500, 200) ?? current.BlockedTerms)
        {
            Grounding = Grounding(filters) ?? current.Grounding,
            BlockedTopics = filters.StringList("blocked_topics", 50, 200) ?? current.BlockedTopics,
            PiiAllow = PiiAllowReader.Read(filters) ?? current.PiiAllow,
        };
    }

    private static GroundingMode? Grounding(JsonFields filters) => filters.String("grounding", 16) switch
    {
        null => null,
        "off" => GroundingMode.Off,
        "lenient" => GroundingMode.Lenient,
        "strict" => GroundingMode.Strict,
        _ => Fail<GroundingMode>(filters, "grounding", "'filters.grounding' must be \"off\", \"lenient\" or \"strict\"."),
    };

    private static KnowledgeFallback? WhenKnowledgeUnavailable(JsonFields fields) => fields.String("when_knowledge_unavailable", 16) switch
    {
        null => null,
        "answer" => KnowledgeFallback.Answer,
        "decline" => KnowledgeFallback.Decline,
        _ => Fail<KnowledgeFallback>(fields, "when_knowledge_unavailable", "'when_knowledge_unavailable' must be \"answer\" or \"decline\"."),
    };
    private static WebSearchSettings WebSearch(JsonFields fields, WebSearchSettings current)
    {
        var search = fields.Object("web_search");
        if (search is null)
            return current;
        search.RejectUnknown("enabled", "max_results");
        search.RejectNull("enabled", "max_results");
        return new WebSearchSettings(
            search.Bool("enabled") ?? current.Enabled,
            search.Int("max_results", 1, WebSearchSettings.MostResults) ?? current.MaxResults);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static T? Fail<T>(JsonFields fields, string name, string message)
        where T : struct
    {
        fields.Fail(name, message);
        return null;
    }
}
