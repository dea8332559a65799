using System.Globalization;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;

namespace Parley.Server.Chat.Failures;

/// <summary>
/// Why an answer failed, in one sentence for the bot's owner. The server's own model (<c>Parley:Model</c>) is the
/// operator's: its address, model name and the provider's words about it are told to the admin key only, while a
/// bot's own model, which its workspace set, is described in full to every key of that workspace.
/// </summary>
public static class FailureDetail
{
    public static string For(AnswerFailure failure, bool admin)
    {
        if (failure.Reason == AnswerFailure.InternalError)
            return $"Parley could not produce the answer ({failure.Cause ?? "an internal error"}); the server log has the details.";
        if (failure.DeploymentModel && !admin)
            return ServerModel(failure);

        var at = failure.Status is { } status ? $"{status} from {failure.Endpoint}" : failure.Endpoint;
        var because = failure.Cause is null ? "" : ": " + failure.Cause;
        return failure.Reason switch
        {
            AnswerFailure.ProviderKeyRefused => $"The model provider refused the API key ({at}){because}.",
            AnswerFailure.ProviderUnreachable => $"Could not reach the model provider at {failure.Endpoint}{because}.",
            AnswerFailure.ModelUnknown => $"The provider does not know the model '{failure.Model}' ({at}){because}.",
            _ => $"The model provider failed ({at}){because}.",
        };
    }

    /// <summary>What a workspace key is told about the server's model: what happened, and who can fix it.</summary>
    private static string ServerModel(AnswerFailure failure)
    {
        var status = failure.Status is { } code ? $" ({code})" : "";
        var what = failure.Reason switch
        {
            AnswerFailure.ProviderKeyRefused => $"The server's model provider refused the server's API key{status}.",
            AnswerFailure.ProviderUnreachable => "Could not reach the server's model provider.",
            AnswerFailure.ModelUnknown => $"The server's model provider does not know the server's model{status}.",
            _ => $"The server's model provider failed{status}.",
        };
        return what + " This bot uses the server's model; the server's administrator can fix its settings, or give the bot a model of its own.";
    }

    /// <summary>The workspace cannot pay for the answer; its balance is no secret to any key of the workspace.</summary>
    public static string CreditsExhausted(Workspace? workspace, decimal reserve)
    {
        var left = workspace is null ? "" : $"workspace '{workspace.Name}' has {Credits(workspace.Credits)} credits left, and ";
        return $"Out of credits: {left}an answer reserves up to {Credits(reserve)}.";
    }

    private static string Credits(decimal amount) => amount.ToString("0.###", CultureInfo.InvariantCulture);
}
