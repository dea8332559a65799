using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Secrets;

namespace Parley.Server.Bots;

/// <summary>
/// Reads a bot's <c>embedding</c> setting. The object replaces the previous one whole, except its write-only
/// <c>api_key</c>: left out, the stored key is kept, but only while the endpoint's host stays the same, so a
/// key cannot be redirected to another server by someone who was never shown it.
/// </summary>
internal static class EmbeddingSettingsReader
{
    public static EmbeddingSettings? Read(JsonFields fields, EmbeddingSettings? current, SecretProtector secrets)
    {
        if (!fields.Has("embedding"))
            return current;
        var embedding = fields.Object("embedding");
        if (embedding is null)
            return null;

        embedding.RejectReadOnly("api_key_set", "Leave it out to keep the stored key, send 'embedding.api_key' to replace the key, or \"api_key\": null to remove it.");
        embedding.RejectUnknown("provider", "base_url", "model", "api_key");
        var provider = embedding.String("provider", 16, required: true);
        if (provider is not (null or "local" or "openai" or "none"))
        {
            embedding.Fail("provider", "'embedding.provider' must be \"local\", \"openai\" or \"none\".");
            return current;
        }

        if (provider == "local")
            return Local(embedding, fields, current);

        if (provider != "openai")
        {
            foreach (var remoteOnly in (ReadOnlySpan<string>)["base_url", "model", "api_key"])
            {
                if (embedding.Has(remoteOnly))
                    embedding.Fail(remoteOnly, $"'embedding.{remoteOnly}' applies only to the \"openai\" provider.");
            }

            return provider is null ? current : new EmbeddingSettings { Provider = provider };
        }

        var baseUrl = BaseUrl(embedding);
        var model = embedding.String("model", 200, required: true);
        var apiKey = embedding.String("api_key", 4_000);
        if (fields.Error is not null || baseUrl is null || model is null)
            return current;

        var protectedKey = apiKey is not null ? secrets.Protect(apiKey)
            : embedding.IsNull("api_key") ? null
            : current?.BaseUrl is { } previous && SameHost(previous, baseUrl) ? current.ProtectedApiKey
            : null;
        return new EmbeddingSettings { Provider = provider, BaseUrl = baseUrl, Model = model.Trim(), ProtectedApiKey = protectedKey };
    }

    /// <summary>
    /// An offline model, by name; left out, the default local model, written down so that the bot keeps it when the
    /// default changes (a stored local setting without a model was made when MiniLM was the only one, and means it).
    /// </summary>
    private static EmbeddingSettings? Local(JsonFields embedding, JsonFields fields, EmbeddingSettings? current)
    {
        foreach (var remoteOnly in (ReadOnlySpan<string>)["base_url", "api_key"])
        {
            if (embedding.Has(remoteOnly))
                embedding.Fail(remoteOnly, $"'embedding.{remoteOnly}' applies only to the \"openai\" provider.");
        }

        var name = embedding.String("model", 40);
        var model = name is null ? LocalModel.Default : LocalModel.Find(name.Trim());
        if (model is null)
            embedding.Fail("model", $"'embedding.model' must be one of {LocalModel.Names} for the \"local\" provider.");
        return fields.Error is not null || model is null ? current : new EmbeddingSettings { Provider = "local", Model = model.Name };
    }

    private static Uri? BaseUrl(JsonFields embedding)
    {
        var text = embedding.String("base_url", 2_000, required: true);
        if (text is null)
            return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.UserInfo.Length == 0)
            return url;
        embedding.Fail("base_url", "'embedding.base_url' must be an absolute http or https URL, such as https://api.openai.com/v1.");
        return null;
    }

    private static bool SameHost(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Authority, b.Authority, StringComparison.OrdinalIgnoreCase);
}
