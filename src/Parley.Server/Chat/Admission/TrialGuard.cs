using Parley.Core.Workspaces;
using Parley.Server.Api;

namespace Parley.Server.Chat.Admission;

public static class TrialGuard
{
    public static ApiError? Check(Workspace workspace, DateTimeOffset now) =>
        workspace.TrialExpired(now)
            ? ApiError.Forbidden("trial_expired", "The free trial of this bot's workspace has ended.")
            : null;
}
