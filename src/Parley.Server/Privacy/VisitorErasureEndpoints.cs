using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;
using Parley.Server.Api;
using Parley.Server.Chat;
using Parley.Server.Chat.Locking;
using Parley.Server.Workspaces;

namespace Parley.Server.Privacy;

/// <summary>
/// The right to erasure: every conversation a visitor's session held with a workspace's bots is deleted with its
/// messages and feedback. The admin key erases in any workspace, a workspace key in its own; another tenant's
/// workspace is reported as missing. Erasing again deletes nothing and says so.
/// </summary>
public static class VisitorErasureEndpoints
{
    public static RouteGroupBuilder MapVisitorErasure(this RouteGroupBuilder workspaces)
    {
        workspaces.MapDelete("/{id}/visitors/{sessionId}", EraseAsync);
        return workspaces;
    }

    private static async Task<Results<Ok<ErasureResponse>, ApiError>> EraseAsync(
        string id, string sessionId, ClaimsPrincipal user, IWorkspaceStore workspaces, IConversationStore conversations,
        IConversationLocks locks, CancellationToken ct)
    {
        if (await WorkspaceEndpoints.FindAsync(id, user, workspaces, ct) is null)
            return WorkspaceEndpoints.NotFound();
        if (sessionId.Length > ChatRequestReader.MaxSessionIdLength)
            return ApiError.Invalid("session_id", $"'session_id' is at most {ChatRequestReader.MaxSessionIdLength} characters; no visitor has a longer one.");

        var deleted = DeletedConversations.None;
        foreach (var conversationId in await conversations.ListSessionConversationsAsync(id, sessionId, ct))
        {
            // A turn being answered holds its conversation's lock until it is stored: waiting for it means that turn
            // is erased too, rather than stored just after the erasure.
            await using var turn = await locks.AcquireAsync(conversationId, ct);
            deleted = deleted.Plus(await conversations.DeleteAsync([conversationId], CancellationToken.None));
        }

        return TypedResults.Ok(new ErasureResponse(deleted.Conversations, deleted.Messages, deleted.Feedback));
    }
}
