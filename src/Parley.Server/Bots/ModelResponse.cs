using Parley.Core.Bots;

namespace Parley.Server.Bots;

/// <summary>A bot's own model; the key is write-only, so only whether one is set is shown.</summary>
public sealed record ModelResponse(
    string Provider, string? BaseUrl, bool ApiKeySet, string? Model, decimal? Temperature, int? MaxTokens, int? ContextTokens)
{
    public static ModelResponse? From(ModelSettings? model) => model is null
        ? null
        : new(model.Provider, model.BaseUrl, model.ProtectedApiKey is not null, model.Model, model.Temperature, model.MaxTokens, model.ContextTokens);
}

/// <summary>The <c>model</c> setting of a bot create or update, for the OpenAPI document.</summary>
public sealed record ModelRequest(
    string? Provider, string? BaseUrl, string? ApiKey, string? Model, decimal? Temperature, int? MaxTokens, int? ContextTokens);

/// <summary>The optional body of a model test: a <c>model</c> setting to try over the saved one, for the OpenAPI document.</summary>
public sealed record ModelTestRequest(ModelRequest? Model);
