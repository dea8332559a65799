using Microsoft.AspNetCore.Hosting.Server;

namespace Parley.Server.Hosting;

/// <summary>
/// Where people reach this deployment, for links Parley hands out (the demo bot's citations, the banner):
/// <c>Parley:PublicUrl</c> when set, the one address every replica behind a reverse proxy shares; otherwise
/// the first address this server listens on.
/// </summary>
public sealed class PublicAddress(IServer server, IConfiguration configuration)
{
    public const string Key = "Parley:PublicUrl";

    private readonly string? _configured = Parse(configuration[Key]);

    /// <summary>Scheme, host, port and any path prefix, without a trailing slash.</summary>
    public string Value => _configured ?? StartupBanner.BaseAddress(server);

    private static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
            throw new InvalidOperationException($"{Key} must be an absolute http or https URL such as https://chat.example.com, not '{value}'.");
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
