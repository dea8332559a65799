using Parley.Core.Bots;
using Parley.Core.Insights;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Insights.Grouping;

/// <summary>
/// Puts each visitor question in a group of questions that mean the same, a moment after it is stored, so insights
/// read groups and never embed or cluster while an owner waits. Each pass takes the questions not yet in a group, in
/// the order they were stored: new ones, and on the first pass after start every older one (questions from before
/// grouping existed, or left by a pass that failed). When a bot's embedding model changes, its groups are forgotten
/// and its questions grouped again with the new one, since cosines of two models do not compare.
/// </summary>
public sealed class QuestionGroupingWorker(
    IQuestionGroupStore groups, BotCache bots, ChunkEmbedder embedder, ILogger<QuestionGroupingWorker> log) : BackgroundService
{
    private const int Batch = 128;

    // Question numbers are handed out before their turn commits; on PostgreSQL a turn stored a moment later may hold
    // a lower one than the newest seen, so each pass looks this far back too (questions already grouped are skipped).
    private const long LookBack = 1000;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Now and then a pass looks at every question again: one left out of its group later (its group's first question
    // was erased with its conversation) is grouped again then.
    private static readonly TimeSpan FullPass = TimeSpan.FromMinutes(10);

    private long _seen;
    private long _lastFullPass = Environment.TickCount64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Grouping visitor questions failed; retrying shortly.");
                await Task.Delay(Interval * 5, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Groups every question not yet in a group; a bot whose model cannot be reached now, or whose questions another
    /// replica grouped at the same moment, is retried on the next pass.
    /// </summary>
    internal async Task PassAsync(CancellationToken ct)
    {
        if (await ForgetChangedModelsAsync(ct) || Environment.TickCount64 - _lastFullPass > FullPass.TotalMilliseconds)
            (_seen, _lastFullPass) = (0, Environment.TickCount64);

        var after = Math.Max(0, _seen - LookBack);
        long? retryFrom = null;
        while (true)
        {
            var pending = await groups.ListUngroupedAsync(after, Batch, ct);
            if (pending.Count == 0)
                break;
            foreach (var questions in pending.GroupBy(q => q.BotId, StringComparer.Ordinal))
            {
                if (!await GroupAsync(questions.Key, questions.ToList(), ct))
                    retryFrom = Math.Min(retryFrom ?? long.MaxValue, questions.Min(q => q.Seq) - 1);
            }

            after = pending[^1].Seq;
            _seen = Math.Max(_seen, after);
            if (pending.Count < Batch)
                break;
        }

        if (retryFrom is { } from)
            _seen = Math.Min(_seen, from + LookBack);
    }

    /// <summary>Forgets the groups each bot made with a model it no longer uses (or of a bot since deleted); true if any were.</summary>
    private async Task<bool> ForgetChangedModelsAsync(CancellationToken ct)
    {
        var forgot = false;
        foreach (var (botId, model) in await groups.ListModelsAsync(ct))
        {
            var (bot, _) = await bots.FindAsync(botId, ct);
            if (bot is not null && ModelKey(bot) == model)
                continue;
            await groups.ForgetAsync(botId, model, ct);
            forgot = true;
        }

        return forgot;
    }

    private async Task<bool> GroupAsync(string botId, IReadOnlyList<PendingQuestion> questions, CancellationToken ct)
    {
        var (bot, _) = await bots.FindAsync(botId, ct);
        if (bot is null)
            return true; // a deleted bot's questions have no insights to show

        var model = embedder.ModelOf(bot);
        var key = ModelKey(bot);
        IReadOnlyList<float[]>? vectors;
        try
        {
            vectors = await ChunkEmbedder.EmbedTextsAsync(model, questions.Select(q => q.Text).ToList(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Embedding visitor questions of bot {BotId} with {Model} failed ({Failure}); they are grouped later.", botId, model.Id, e.GetType().Name);
            return false;
        }

        var clusters = new QuestionClusters(GroupingBar.For(key));
        var known = await groups.ListAsync(botId, key, ct);
        foreach (var group in known)
            clusters.AddLeader(group.Id, group.Embedding, group.Terms?.ToHashSet(StringComparer.Ordinal));

        var created = new List<QuestionGroup>();
        var members = new List<QuestionMember>();
        for (var i = 0; i < questions.Count; i++)
        {
            var vector = vectors?[i];
            var words = vector is null ? QuestionWords.Of(questions[i].Text) : null;
            var groupId = clusters.Join(vector, words);
            if (groupId is null)
            {
                groupId = Guid.CreateVersion7().ToString();
                clusters.AddLeader(groupId, vector, words);
                created.Add(new QuestionGroup(groupId, questions[i].MessageId, vector, words?.Order(StringComparer.Ordinal).ToList()));
            }

            members.Add(new QuestionMember(questions[i].MessageId, groupId));
        }

        // Refused when another replica grouped meanwhile: these questions are grouped again on the next pass, against
        // the groups as they are then.
        return await groups.SaveAsync(botId, key, known, created, members, ct);
    }

    private string ModelKey(Bot bot) => embedder.ModelOf(bot).Id ?? GroupingBar.Words;
}
