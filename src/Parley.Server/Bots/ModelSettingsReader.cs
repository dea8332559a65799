using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Secrets;

namespace Parley.Server.Bots;

/// <summary>
/// Reads a bot's <c>model</c> setting. Absent fields keep their value and <c>null</c> clears an optional one;
/// <c>"model": null</c> returns the bot to the deployment's model. The API key is encrypted here, before the
/// bot is stored, and is forgotten when the provider or base URL changes without a new key, so that a key is
/// never sent to a host it was not given for.
/// </summary>
internal static class ModelSettingsReader
{
    private static readonly string[] Providers = [ModelSettings.Extractive, ModelSettings.OpenAI, ModelSettings.Anthropic];

    public static ModelSettings? Read(JsonFields fields, ModelSettings? current, SecretProtector secrets)
    {
        if (fields.IsNull("model"))
            return null;
        var model = fields.Object("model");
        if (model is null)
            return current;

        model.RejectReadOnly("api_key_set", "Leave it out to keep the stored key, send 'model.api_key' to replace the key, or \"api_key\": null to remove it.");
        model.RejectUnknown("provider", "base_url", "api_key", "model", "temperature", "max_tokens", "context_tokens");
        model.RejectNull("provider");
        var provider = model.String("provider", 32, required: current is null);
        if (provider is not null && !Providers.Contains(provider))
            model.Fail("provider", "'model.provider' must be \"extractive\", \"openai\" or \"anthropic\".");

        var baseUrl = model.String("base_url", 2_000);
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            model.Fail("base_url", "'model.base_url' must be an absolute http or https address, such as https://api.openai.com/v1.");
        var apiKey = model.String("api_key", 4_000);
        var name = model.String("model", 200);
        var temperature = model.Decimal("temperature", 0, 2);
        var maxTokens = model.Int("max_tokens", 1, 200_000);
        var contextTokens = model.Int("context_tokens", 512, 2_000_000);
        if (fields.Error is not null)
            return current;

        var updated = new ModelSettings
        {
            Provider = provider ?? current!.Provider,
            BaseUrl = model.Has("base_url") ? baseUrl : current?.BaseUrl,
            ProtectedApiKey = current?.ProtectedApiKey,
            Model = model.Has("model") ? name : current?.Model,
            Temperature = model.Has("temperature") ? temperature : current?.Temperature,
            MaxTokens = model.Has("max_tokens") ? maxTokens : current?.MaxTokens,
            ContextTokens = model.Has("context_tokens") ? contextTokens : current?.ContextTokens,
        };
        if (current is not null && (updated.Provider != current.Provider || updated.BaseUrl != current.BaseUrl))
            updated = updated with { ProtectedApiKey = null };
        if (model.Has("api_key"))
            updated = updated with { ProtectedApiKey = apiKey is null ? null : secrets.Protect(apiKey) };

        if (updated.Provider != ModelSettings.Extractive && string.IsNullOrWhiteSpace(updated.Model))
            model.Fail("model", $"'model.model' is required for provider \"{updated.Provider}\", e.g. \"gpt-4o-mini\" or \"claude-sonnet-4-5\".");
        else if (updated.ContextTokens is { } context && context <= (updated.MaxTokens ?? 1024))
            model.Fail("context_tokens", "'model.context_tokens' must be larger than model.max_tokens (1024 when not set).");
        return updated;
    }
}
