using System.Text.Json.Serialization;

namespace Parley.Core.Bots;

public sealed record Bot
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string Name { get; init; }

    public BotPrivacy Privacy { get; init; } = BotPrivacy.Public;

    public bool Active { get; init; } = true;

    /// <summary>Hosts the widget and browser clients may call from; empty means any origin.</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    public RateLimitSettings? RateLimit { get; init; }

    public bool CitationsEnabled { get; init; } = true;

    public string? SystemPrompt { get; init; }

    public string? WelcomeMessage { get; init; }

    public FilterSettings Filters { get; init; } = FilterSettings.None;

    /// <summary>What the bot does when its knowledge cannot be searched in time.</summary>
    public KnowledgeFallback WhenKnowledgeUnavailable { get; init; } = KnowledgeFallback.Answer;

    /// <summary>The bot's own embedding model; null uses the deployment's.</summary>
    public EmbeddingSettings? Embedding { get; init; }
    /// <summary>The model the bot answers with; null means the deployment's default (<c>Parley:Model</c>).</summary>
    public ModelSettings? Model { get; init; }
    public WebSearchSettings WebSearch { get; init; } = WebSearchSettings.Off;

    /// <summary>
    /// How close (cosine, 0..1, on the bot's embedding model) a visitor's question must be to a Q&amp;A source's question
    /// to be given its answer verbatim; null uses the level measured for the model.
    /// </summary>
    public double? QaMatchThreshold { get; init; }
    /// <summary>Questions the widget offers a visitor before the first message.</summary>
    public IReadOnlyList<string> SuggestedQuestions { get; init; } = [];

    public WidgetAppearance Widget { get; init; } = WidgetAppearance.Default;

    /// <summary>
    /// Changes whenever the bot's knowledge changes (a source added or removed), so that every server
    /// replica knows when its in-memory search index of the bot is out of date. Maintained by the store.
    /// </summary>
    [JsonIgnore]
    public long KnowledgeVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
