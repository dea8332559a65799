using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// The offline generator answers from a section as a reader needs it, through the public stream, with local
/// embeddings (the default) and without: the sentence with the code, steps or table row it introduces or belongs
/// to, in Markdown, bounded, from one page, identifiers character for character.
/// </summary>
public class SectionAnswerTests : BackendTest
{
    private const string Install =
        """
        # Installing Brewmate

        Brewmate runs on any machine with a recent Linux kernel. It needs about 200 MB of disk space.

        ## How do I install the command-line tool?

        Run this command in a terminal, as root:

        ```sh
        curl -fsSL https://get.brewmate.example/install.sh | sh
        ```

        The installer puts the `brewmate` binary in `/usr/local/bin`.

        ## How do I let it reach machines on my own network?

        Set `BREWMATE__NETWORK__ALLOW_PRIVATE=true` in the service's environment. Without it, Brewmate refuses private addresses such as 192.168.1.10.

        ## Descaling the machine

        Descale the machine every two months. To descale it, follow these steps:

        1. Fill the tank with one litre of water and 50 ml of citric acid.
        2. Press and hold the Clean button for five seconds.
        3. Wait until the light turns green, then rinse the tank twice.

        ## Cup sizes

        Each program pours a fixed amount of coffee:

        | Program | Volume | Strength |
        |---|---|---|
        | Espresso | 40 ml | strong |
        | Lungo | 110 ml | medium |
        | Americano | 220 ml | mild |

        ## Signing in without a password

        Each time you connect to a Brewmate machine over SSH, it asks for your password. That gets tiresome when a script connects every hour, which is why Brewmate also accepts keys.

        Create a key pair on your computer with `ssh-keygen -t ed25519`, then install the public key on the machine with `brewmate keys add ~/.ssh/id_ed25519.pub`.
        """;

    private static readonly string LongConfig =
        "# Sample configuration\n\nCopy the sample configuration below into `/etc/brewmate.conf`:\n\n```ini\n"
        + string.Join('\n', Enumerable.Range(1, 30).Select(i => $"option_{i} = value {i}"))
        + "\n```\n";

    private const string Company =
        """
        # About Brewmate

        Brewmate was founded in 2015 in Utrecht. Our team of twelve builds coffee machines for offices.
        """;

    public static TheoryData<string> Embeddings => new() { "local", "none" };

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_sentence_ending_in_a_colon_is_quoted_with_the_code_block_it_introduces(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I install the command-line tool?", ChatStreams.NewSession()));

        Assert.Contains("Run this command in a terminal, as root:", answer.Text, StringComparison.Ordinal);
        Assert.Contains("```sh\ncurl -fsSL https://get.brewmate.example/install.sh | sh\n```", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Brewmate docs", Assert.Single(answer.Citations!).PageTitle);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task Identifiers_paths_and_inline_code_reach_the_answer_character_for_character(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I let Brewmate reach machines on my own network?", ChatStreams.NewSession()));

        Assert.Contains("`BREWMATE__NETWORK__ALLOW_PRIVATE=true`", answer.Text, StringComparison.Ordinal);
        Assert.Contains("192.168.1.10", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task Numbered_steps_are_quoted_whole_and_in_order_after_the_sentence_that_introduces_them(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale the machine?", ChatStreams.NewSession()));

        Assert.Contains("To descale it, follow these steps:", answer.Text, StringComparison.Ordinal);
        var one = answer.Text.IndexOf("1. Fill the tank", StringComparison.Ordinal);
        var two = answer.Text.IndexOf("2. Press and hold the Clean button", StringComparison.Ordinal);
        var three = answer.Text.IndexOf("3. Wait until the light turns green", StringComparison.Ordinal);
        Assert.True(one > 0 && two > one && three > two, answer.Text);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_table_row_is_quoted_under_its_header_as_a_markdown_table(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How much coffee does the Lungo program pour?", ChatStreams.NewSession()));

        Assert.Contains("| Program | Volume | Strength |\n| --- | --- | --- |", answer.Text, StringComparison.Ordinal);
        Assert.Contains("| Lungo | 110 ml | medium |", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Espresso", answer.Text, StringComparison.Ordinal);
    }

    // How a block is cut does not depend on search; with local embeddings this short question's passage scores
    // below the meaning bar (noted in the follow-up), so it is asked of a bot that searches by words.
    [Theory]
    [InlineData("none")]
    public async Task A_long_code_block_is_cut_at_a_line_with_an_ellipsis(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "Where do I copy the sample configuration?", ChatStreams.NewSession()));

        Assert.Contains("`/etc/brewmate.conf`", answer.Text, StringComparison.Ordinal);
        Assert.Contains("option_1 = value 1\n", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("option_30", answer.Text, StringComparison.Ordinal);
        var fence = answer.Text[answer.Text.IndexOf("```ini", StringComparison.Ordinal)..];
        var lines = fence.Split('\n');
        Assert.InRange(lines.Length - 2, 2, 15);
        Assert.Equal("…", lines[^2]);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task The_answer_reads_on_from_the_sentence_that_matches_to_the_one_that_says_what_to_do(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How can I connect to the machine over SSH without typing my password every time?", ChatStreams.NewSession()));

        Assert.Contains("Each time you connect to a Brewmate machine over SSH", answer.Text, StringComparison.Ordinal);
        Assert.Contains("`ssh-keygen -t ed25519`", answer.Text, StringComparison.Ordinal);
        Assert.Contains("`brewmate keys add ~/.ssh/id_ed25519.pub`", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task The_answer_quotes_one_page_and_cites_only_it(string embeddings)
    {
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How much disk space does Brewmate need?", ChatStreams.NewSession()));

        Assert.Contains("200 MB of disk space", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Utrecht", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Brewmate docs", Assert.Single(answer.Citations!).PageTitle);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_paragraph_that_ends_a_sentence_a_code_block_interrupted_is_quoted_from_where_the_sentence_starts(string embeddings)
    {
        const string Recipes =
            """
            # Recipes

            ## Fixing the last recipe

            Saved a recipe with a typo in its name? You can replace the most recent recipe using

            ```
            $ brewmate recipe save --amend
            ```

            which replaces the old recipe by a new one with your changes, and lets you edit its name first. Older recipes are fixed in the recipe editor.
            """;
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;
        using (var admin = app.Admin())
            await admin.AddTextAsync(botId, "Recipes", Recipes, "https://docs.brewmate.example/recipes");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "I saved a recipe with a typo in its name. How can I fix the name of the recipe I just saved?", ChatStreams.NewSession()));

        var start = answer.Text.IndexOf("You can replace the most recent recipe using", StringComparison.Ordinal);
        var code = answer.Text.IndexOf("```\n$ brewmate recipe save --amend\n```", StringComparison.Ordinal);
        var end = answer.Text.IndexOf("which replaces the old recipe", StringComparison.Ordinal);
        Assert.True(start >= 0 && code > start && end > code, answer.Text);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task The_example_under_the_paragraph_that_explains_it_is_quoted_with_it(string embeddings)
    {
        const string Network =
            """
            # Network settings

            ## A fixed address for the machine

            A fixed address must be written into the machine's network file by hand. It needs at least the address and the netmask; the gateway is the router that leads outside.

            Example 4.2. Fixed address

            ```
            iface wlan0 inet fixed
              address 192.168.0.3/24
              gateway 192.168.0.1
            ```
            """;
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;
        using (var admin = app.Admin())
            await admin.AddTextAsync(botId, "Network settings", Network, "https://docs.brewmate.example/network");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I give the machine a fixed address in its network file?", ChatStreams.NewSession()));

        Assert.Contains("It needs at least the address and the netmask", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Example 4.2. Fixed address\n\n```\niface wlan0 inet fixed\n", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_sentence_ending_in_a_colon_is_never_left_without_what_it_announces(string embeddings)
    {
        const string Updating =
            """
            # Updating

            ## How do I update Brewmate?

            To update Brewmate from the package repository, run:

            ```sh
            brewmate update --channel stable
            ```

            To update Brewmate from a package file you downloaded, run:

            ```sh
            brewmate update --file brewmate.pkg
            ```
            """;
        var (app, botId) = await StartWithDocsAsync(embeddings);
        await using var _ = app;
        using (var admin = app.Admin())
            await admin.AddTextAsync(botId, "Updating", Updating, "https://docs.brewmate.example/updating");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I update Brewmate?", ChatStreams.NewSession()));

        Assert.Contains("```sh\nbrewmate update --channel stable\n```", answer.Text, StringComparison.Ordinal);
        var paragraphs = answer.Text.Split("\n\n");
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (paragraphs[i].EndsWith(':'))
                Assert.True(i + 1 < paragraphs.Length && paragraphs[i + 1].StartsWith("```", StringComparison.Ordinal), answer.Text);
        }
    }

    private async Task<(ParleyApp App, string BotId)> StartWithDocsAsync(string embeddings)
    {
        var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Brewmate docs", Install, "https://docs.brewmate.example/install");
        await admin.AddTextAsync(botId, "Sample configuration", LongConfig, "https://docs.brewmate.example/config");
        await admin.AddTextAsync(botId, "About us", Company, "https://brewmate.example/about");
        return (app, botId);
    }
}
