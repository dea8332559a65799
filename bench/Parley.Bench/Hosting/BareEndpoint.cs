using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Bench.Hosting;

/// <summary>
/// The floor to compare Parley against: a minimal Kestrel app on the same path that reads the body and replays a
/// recorded Parley answer byte for byte, flushing after every event as Parley does. No storage, no retrieval.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareEndpoint> StartAsync(string path, RecordedStream recorded)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost(path, (HttpContext http) => ReplayAsync(http, recorded));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, new Uri(address));
    }

    private static async Task ReplayAsync(HttpContext http, RecordedStream recorded)
    {
        var ct = http.RequestAborted;
        // Parley reads the whole body before answering; so does the floor.
        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                break;
        }

        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in recorded.Headers)
            response.Headers[name] = value;
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(ct);
        foreach (var e in recorded.Events)
        {
            await response.BodyWriter.WriteAsync(e, ct);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
