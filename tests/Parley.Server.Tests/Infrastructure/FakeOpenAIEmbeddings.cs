using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/embeddings</c> on loopback, answering in the real wire format (a list of
/// embeddings with index, model and usage; float arrays or base64 as <c>encoding_format</c> asks). Its vectors
/// are hashed bags of words, so texts sharing words are close, which is enough to retrieve by.
/// </summary>
public sealed class FakeOpenAIEmbeddings : IAsyncDisposable
{
    public const int Dimensions = 64;

    private readonly WebApplication _app;

    private FakeOpenAIEmbeddings(WebApplication app) => _app = app;

    public ConcurrentQueue<(string? Authorization, string Model, int Inputs)> Requests { get; } = new();

    /// <summary>The top-level fields of every request body, to check that nothing of Parley's own leaks onto the wire.</summary>
    public ConcurrentQueue<string> Fields { get; } = new();

    public string BaseUrl => _app.Urls.First() + "/v1";

    /// <summary>How long each request takes to answer, as a slow or overloaded provider would.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<FakeOpenAIEmbeddings> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAIEmbeddings(app);
        app.MapPost("/v1/embeddings", fake.EmbedAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> EmbedAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        foreach (var field in root.EnumerateObject())
            Fields.Enqueue(field.Name);
        var inputs = root.GetProperty("input").ValueKind == JsonValueKind.String
            ? [root.GetProperty("input").GetString()!]
            : root.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var model = root.GetProperty("model").GetString()!;
        var base64 = root.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        Requests.Enqueue((request.Headers.Authorization.ToString(), model, inputs.Length));
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, request.HttpContext.RequestAborted);

        var data = inputs.Select((text, i) =>
        {
            var vector = Embed(text);
            object embedding = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector;
            return new Dictionary<string, object> { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
        }).ToList();
        var tokens = inputs.Sum(t => t.Split(' ').Length);
        return Results.Json(new Dictionary<string, object>
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '\n', '.', ',', '?', '!', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            var stem = word.Length > 5 ? word[..5] : word;
            vector[(int)(StableHash(stem) % Dimensions)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    // FNV-1a: string hash codes are seeded per process, which gave each test run different word collisions
    // and so different rankings; a vendor's model gives the same vector for the same text every time.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
