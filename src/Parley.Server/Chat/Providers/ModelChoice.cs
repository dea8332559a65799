using System.Text;
using Parley.Core.Bots;
using Parley.Server.Secrets;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// The model one turn uses, resolved from the bot's settings or the deployment's, with its key decrypted.
/// Equal choices share one client. Its text form leaves the key out, so logging a choice cannot leak it.
/// </summary>
public sealed record ModelChoice(
    string Provider, Uri? BaseUrl, string? ApiKey, string? Model, float? Temperature, int MaxTokens, int ContextTokens)
{
    /// <summary>The answer's default length limit when the settings give none.</summary>
    public const int DefaultMaxTokens = 1024;

    public bool IsExtractive => Provider == ModelSettings.Extractive;

    public static ModelChoice For(Bot bot, ModelOptions deployment, SecretProtector secrets)
    {
        if (bot.Model is not { } own)
        {
            return Resolve(
                deployment.Provider, deployment.BaseUrl, deployment.ApiKey, deployment.Model,
                deployment.Temperature is { } t ? (float)t : null, deployment.MaxTokens, deployment.ContextTokens);
        }

        return Resolve(
            own.Provider, own.BaseUrl is { } url ? new Uri(url) : null, secrets.Unprotect(own.ProtectedApiKey), own.Model,
            own.Temperature is { } temperature ? (float)temperature : null, own.MaxTokens, own.ContextTokens);
    }

    private static ModelChoice Resolve(
        string provider, Uri? baseUrl, string? apiKey, string? model, float? temperature, int? maxTokens, int? contextTokens) =>
        new(provider, baseUrl, apiKey, model, temperature, maxTokens ?? DefaultMaxTokens, contextTokens ?? DefaultContext(provider));

    /// <summary>
    /// What a model reads when the settings do not say. OpenAI-compatible servers are often small local
    /// models (Ollama, llama.cpp) with 8k windows, so that is the safe guess; Claude models read 200k.
    /// </summary>
    public static int DefaultContext(string provider) => provider switch
    {
        ModelSettings.Anthropic => 200_000,
        ModelSettings.OpenAI => 8_192,
        _ => 8_192,
    };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider)
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", Model = ").Append(Model)
            .Append(", ApiKey = ").Append(ApiKey is null ? "(none)" : "(set)");
        return true;
    }
}
