using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Server.Auth;
using Parley.Server.DemoBot;

namespace Parley.Server.Hosting;

/// <summary>What a newcomer needs after <c>dotnet run</c>: where the Playground is, the admin key, and a curl that works.</summary>
internal static class StartupBanner
{
    /// <summary>The question the printed curl asks the demo bot, also its first suggested question.</summary>
    public const string DemoQuestion = "How do I embed the chat widget on my site?";

    public static void Print(string address, AdminKey adminKey, DemoBotSeeder demo, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("  Parley is running.");
        output.WriteLine();
        output.WriteLine($"  Playground:  {address}/playground");
        output.WriteLine($"  Admin key:   {AdminKeyLine(adminKey)}");
        if (demo.DemoBotId is { } botId)
        {
            output.WriteLine($"  Demo bot:    {botId}");
            output.WriteLine();
            output.WriteLine("  Ask the demo bot about Parley:");
            output.WriteLine();
            output.WriteLine($"  curl -N -X POST {address}/v1/public/chat/stream \\");
            output.WriteLine("    -H \"Content-Type: application/json\" \\");
            output.WriteLine($"    -d '{{\"bot_id\": \"{botId}\", \"message\": \"{DemoQuestion}\", \"session_id\": \"demo-session\"}}'");
        }

        output.WriteLine();
    }

    private static string AdminKeyLine(AdminKey key) => key switch
    {
        { FromEnvironment: true } => $"from {AdminKey.EnvironmentVariable}",
        { GeneratedNow: true, Plaintext: { } plaintext } => $"{plaintext}   (generated now and shown only once: keep it, or set {AdminKey.EnvironmentVariable})",
        _ => $"generated on first start (only its hash is stored); set {AdminKey.EnvironmentVariable} to choose one",
    };

    /// <summary>The first address Kestrel bound, with wildcard hosts turned into one a browser can open.</summary>
    public static string BaseAddress(IServer server)
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var uri = new Uri(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
