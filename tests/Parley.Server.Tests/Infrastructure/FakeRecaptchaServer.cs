using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Google's siteverify API as a local server: a form POST of secret, response and remoteip, answered
/// with <c>{"success", "score", "error-codes"}</c>. Tokens: "good" (score 0.9), "low" (0.1), "v2" (no score);
/// anything else fails. It also fails every token when the secret is not the expected one.
/// </summary>
public sealed class FakeRecaptchaServer : IAsyncDisposable
{
    public const string Secret = "test-recaptcha-secret";

    private readonly WebApplication _app;

    private FakeRecaptchaServer(WebApplication app) => _app = app;

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public string VerifyUrl => _app.Urls.First() + "/recaptcha/api/siteverify";

    public static async Task<FakeRecaptchaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeRecaptchaServer(app);
        app.MapPost("/recaptcha/api/siteverify", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            server.Requests.Enqueue(fields);
            var token = fields.GetValueOrDefault("response");
            if (fields.GetValueOrDefault("secret") != Secret)
                return Results.Json(new Dictionary<string, object> { ["success"] = false, ["error-codes"] = new[] { "invalid-input-secret" } });
            return token switch
            {
                "good" => Results.Json(new Dictionary<string, object> { ["success"] = true, ["score"] = 0.9, ["action"] = "chat", ["hostname"] = "shop.example.com" }),
                "low" => Results.Json(new Dictionary<string, object> { ["success"] = true, ["score"] = 0.1, ["action"] = "chat", ["hostname"] = "shop.example.com" }),
                "v2" => Results.Json(new Dictionary<string, object> { ["success"] = true, ["hostname"] = "shop.example.com" }),
                _ => Results.Json(new Dictionary<string, object> { ["success"] = false, ["error-codes"] = new[] { "invalid-input-response" } }),
            };
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
