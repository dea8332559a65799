namespace Parley.Core.Insights;

/// <summary>
/// The groups visitor questions are sorted into, per bot and per the model that compared them (an embedding model's
/// id, or <c>words</c>): groups of another model than the bot's current one are forgotten and the questions grouped again.
/// </summary>
public interface IQuestionGroupStore
{
    /// <summary>Visitor questions (the public channel) stored after <paramref name="afterSeq"/> that are in no group, oldest first.</summary>
    Task<IReadOnlyList<PendingQuestion>> ListUngroupedAsync(long afterSeq, int limit, CancellationToken ct = default);

    /// <summary>The bot's groups made with the model, oldest first.</summary>
    Task<IReadOnlyList<QuestionGroup>> ListAsync(string botId, string model, CancellationToken ct = default);

    /// <summary>Every bot that has groups, with the models they were made with.</summary>
    Task<IReadOnlyList<(string BotId, string Model)>> ListModelsAsync(CancellationToken ct = default);

    /// <summary>
    /// Stores new groups and the questions put in groups, together, if the bot's groups of the model are still the
    /// <paramref name="known"/> ones they were clustered against (by count and newest id) and none of the questions is
    /// in a group yet; otherwise stores nothing and returns false. Two replicas grouping the same questions at once
    /// (or the same intent in different questions) would otherwise both make a group: one of them empty, or the
    /// intent split in two. Saves of one bot and model run one at a time.
    /// </summary>
    Task<bool> SaveAsync(
        string botId, string model, IReadOnlyList<QuestionGroup> known, IReadOnlyList<QuestionGroup> groups, IReadOnlyList<QuestionMember> members,
        CancellationToken ct = default);

    /// <summary>Deletes the bot's groups made with the model, and their questions' places in them.</summary>
    Task ForgetAsync(string botId, string model, CancellationToken ct = default);
}
