using Microsoft.Extensions.Options;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;

namespace Parley.Server.Privacy;

/// <summary>
/// Deletes the conversations of each workspace with a retention once their last message is older than it, with
/// their messages and feedback, a batch per transaction. Every replica runs one; the store hands concurrent
/// sweepers different conversations, so running several at once only finishes sooner.
/// </summary>
public sealed class RetentionWorker(
    IWorkspaceStore workspaces,
    IConversationStore conversations,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<RetentionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RetentionSweepSeconds), time);
        try
        {
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var workspace in await workspaces.ListAsync(stoppingToken))
            {
                if (workspace.RetentionDays is not { } days)
                    continue;
                var deleted = await DeleteExpiredAsync(workspace.Id, time.GetUtcNow().AddDays(-days), stoppingToken);
                if (deleted.Conversations > 0)
                {
                    log.LogInformation(
                        "Deleted {Conversations} conversations ({Messages} messages) of workspace {WorkspaceId} older than its {Days}-day retention.",
                        deleted.Conversations, deleted.Messages, workspace.Id, days);
                }
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning(e, "Deleting conversations past their retention failed; retrying at the next sweep.");
        }
    }

    private async Task<DeletedConversations> DeleteExpiredAsync(string workspaceId, DateTimeOffset before, CancellationToken stoppingToken)
    {
        var batch = options.Value.RetentionBatchSize;
        var total = DeletedConversations.None;
        DeletedConversations deleted;
        do
        {
            deleted = await conversations.DeleteInactiveAsync(workspaceId, before, batch, stoppingToken);
            total = total.Plus(deleted);
        }
        while (deleted.Conversations == batch);
        return total;
    }
}
