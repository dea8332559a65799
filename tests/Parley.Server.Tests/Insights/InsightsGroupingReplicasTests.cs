using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Insights;
using Parley.Server.Insights.Grouping;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>
/// Replicas sharing a database each run the grouping worker: when two group the same questions (or the same intent) at
/// once, only the first's groups are stored, and the other groups what is left again against them, so no group is left
/// empty and no intent split in two. Driven at the store, where the race is, with the grouping the worker stores.
/// </summary>
public class InsightsGroupingReplicasTests : BackendTest
{
    [Fact]
    public async Task Of_two_replicas_grouping_the_same_questions_at_once_only_one_stores_its_groups()
    {
        await using var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        var store = app.Services.GetRequiredService<IQuestionGroupStore>();
        var known = await store.ListAsync(botId, GroupingBar.Words);
        var (first, second) = (Group("refund-1"), Group("refund-1"));

        var saved = await Task.WhenAll(
            store.SaveAsync(botId, GroupingBar.Words, known, [first], [new("refund-1", first.Id), new("refund-2", first.Id)]),
            store.SaveAsync(botId, GroupingBar.Words, known, [second], [new("refund-1", second.Id)]));

        Assert.Single(saved, s => s);
        var stored = Assert.Single(await store.ListAsync(botId, GroupingBar.Words));
        Assert.Equal("refund-1", stored.LeaderId);
    }

    [Fact]
    public async Task A_replica_that_grouped_against_groups_since_changed_stores_nothing_until_it_groups_again()
    {
        await using var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        var store = app.Services.GetRequiredService<IQuestionGroupStore>();
        var stale = await store.ListAsync(botId, GroupingBar.Words);
        var refunds = Group("refund-1");
        Assert.True(await store.SaveAsync(botId, GroupingBar.Words, stale, [refunds], [new("refund-1", refunds.Id)]));

        // Another question of the same intent, clustered before the refunds group existed, would lead a second one.
        var again = Group("refund-3");
        Assert.False(await store.SaveAsync(botId, GroupingBar.Words, stale, [again], [new("refund-3", again.Id)]));
        Assert.False(await store.SaveAsync(botId, GroupingBar.Words, await store.ListAsync(botId, GroupingBar.Words), [], [new("refund-1", refunds.Id)]));

        var current = await store.ListAsync(botId, GroupingBar.Words);
        Assert.True(await store.SaveAsync(botId, GroupingBar.Words, current, [], [new("refund-3", refunds.Id)]));
        Assert.Equal([refunds.Id], (await store.ListAsync(botId, GroupingBar.Words)).Select(g => g.Id));
    }

    private static QuestionGroup Group(string leaderId) => new(Guid.CreateVersion7().ToString(), leaderId, null, ["refund", "take"]);
}
