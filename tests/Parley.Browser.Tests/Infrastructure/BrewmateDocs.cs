using Parley.Server.Tests.Infrastructure;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// A product manual whose sections make the offline generator answer in the Markdown that is hardest to
/// show: a long shell command in a fenced block, an HTML snippet whose <c>&lt;script&gt;</c> must stay text,
/// inline code with <c>&lt;</c>, <c>&gt;</c> and <c>__</c>, and a table row with code in its cells.
/// </summary>
public static class BrewmateDocs
{
    public const string InstallCommand = "curl -fsSL https://get.brewmate.example/install.sh | sh -s -- --channel stable --prefix /opt/brewmate";

    public const string EmbedSnippet =
        """
        <script src="https://brewmate.example/status.js" async></script>
        <script>window.__pwned = 'code-block'</script>
        """;

    public const string Manual =
        $$"""
        # Brewmate manual

        Brewmate runs on any machine with a recent Linux kernel. It needs about 200 MB of disk space.

        ## How do I install the command-line tool?

        Run this command in a terminal, as root:

        ```sh
        {{InstallCommand}}
        ```

        The installer puts the `brewmate` binary in `/usr/local/bin`.

        ## How do I show the machine status on my website?

        Paste this snippet just before `</body>` on every page:

        ~~~html
        {{EmbedSnippet}}
        ~~~

        ## How do I let it reach machines on my own network?

        Set `BREWMATE__NETWORK__ALLOW_PRIVATE=true` in the service's environment. Without it, Brewmate refuses private addresses such as 192.168.1.10.

        ## Cup sizes

        Each program pours a fixed amount of coffee:

        | Program | Volume | Strength | Setting |
        |---|---:|---|---|
        | Espresso | 40 ml | strong | `BREW_PROGRAM=espresso` |
        | Lungo | 110 ml | medium | `BREW_PROGRAM=lungo` |
        | Americano | 220 ml | mild | `BREW_PROGRAM=americano` |
        """;

    /// <summary>Creates a bot that knows the manual and waits until it can answer from it.</summary>
    public static async Task<string> CreateBotAsync(AdminApi admin, object? settings = null)
    {
        var botId = await admin.CreateBotAsync(settings);
        var sourceId = await admin.AddTextAsync(botId, "Brewmate manual", Manual, "https://docs.brewmate.example/manual");
        await admin.WaitForSyncAsync(botId, sourceId);
        return botId;
    }
}
