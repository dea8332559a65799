using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// PII redaction leaves the business's own contact details (<c>filters.pii_allow</c>) in answers, and masks every other
/// e-mail address and phone number as before.
/// </summary>
public class PiiAllowTests : ParleyTest
{
    private const string ContactPage =
        """
        # Contact

        Write to support@shop.example.com or call +49 30 1234 5678 for help with your order. Our founder Jane answers at jane.doe@mail.example or on 0171 9876543.
        """;

    private const string Question = "How do I contact support about my order?";

    [Fact]
    public async Task With_redaction_on_the_businesss_listed_contact_details_survive_and_other_ones_are_masked()
    {
        var botId = await Admin.CreateBotAsync(new
        {
            filters = new { redact_pii = true, pii_allow = new[] { "Support@Shop.Example.com", "030 1234 5678" } },
        });
        await Admin.AddTextAsync(botId, "Contact", ContactPage);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, Question, ChatStreams.NewSession()));

        var replace = Assert.IsType<ReplaceEvent>(events[^2]);
        Assert.Contains("Write to support@shop.example.com or call +49 30 1234 5678 for help", replace.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@mail.example", replace.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("9876543", replace.Content, StringComparison.Ordinal);
        Assert.Contains("[email removed]", replace.Content, StringComparison.Ordinal);
        Assert.Contains("[phone number removed]", replace.Content, StringComparison.Ordinal);
        var stored = await App.PublicChat().AskAsync(new ChatRequest(botId, Question, ChatStreams.NewSession()));
        Assert.Equal(replace.Content, stored.Text);
    }

    [Fact]
    public async Task An_answer_holding_only_allowed_contact_details_is_not_replaced()
    {
        var botId = await Admin.CreateBotAsync(new { filters = new { redact_pii = true, pii_allow = new[] { "support@shop.example.com", "+49 30 1234 5678" } } });
        await Admin.AddTextAsync(botId, "Contact", "# Contact\n\nWrite to support@shop.example.com or call +49 30 1234 5678 for help with your order.");

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, Question, ChatStreams.NewSession()));

        Assert.DoesNotContain(events, e => e is ReplaceEvent);
        Assert.Contains("support@shop.example.com or call +49 30 1234 5678", events.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_allow_list_the_support_address_is_masked_as_before()
    {
        var botId = await Admin.CreateBotAsync(new { filters = new { redact_pii = true } });
        await Admin.AddTextAsync(botId, "Contact", ContactPage);

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, Question, ChatStreams.NewSession()));

        Assert.DoesNotContain("support@shop.example.com", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234 5678", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allow_list_is_stored_as_sent_once_per_contact_and_kept_by_a_filters_patch_that_leaves_it_out()
    {
        var created = await Admin.PostAsync("/v1/bots", new
        {
            workspace_id = await Admin.CreateWorkspaceAsync(),
            name = "Shop helper",
            filters = new { pii_allow = new[] { " support@shop.example.com ", "SUPPORT@shop.example.com", "+49 30 1234 5678", "+49-30-12345678" } },
        });
        var botId = created.GetProperty("id").GetString()!;
        Assert.Equal(["support@shop.example.com", "+49 30 1234 5678"], Strings(created.GetProperty("filters").GetProperty("pii_allow")));

        var patched = await Admin.PatchAsync($"/v1/bots/{botId}", new { filters = new { redact_pii = true } });

        Assert.Equal(["support@shop.example.com", "+49 30 1234 5678"], Strings(patched.GetProperty("filters").GetProperty("pii_allow")));
        var emptied = await Admin.PatchAsync($"/v1/bots/{botId}", new { filters = new { pii_allow = Array.Empty<string>() } });
        Assert.Empty(emptied.GetProperty("filters").GetProperty("pii_allow").EnumerateArray());
        var fresh = await Admin.GetAsync($"/v1/bots/{await Admin.CreateBotAsync()}");
        Assert.Empty(fresh.GetProperty("filters").GetProperty("pii_allow").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"filters": {"pii_allow": ["support at shop.example.com"]}}""")]
    [InlineData("""{"filters": {"pii_allow": ["call 030 1234 5678"]}}""")]
    [InlineData("""{"filters": {"pii_allow": ["123 456"]}}""")]
    [InlineData("""{"filters": {"pii_allow": [""]}}""")]
    [InlineData("""{"filters": {"pii_allow": "support@shop.example.com"}}""")]
    [InlineData("""{"filters": {"pii_allow": null}}""")]
    public async Task A_wrong_allow_list_is_refused_naming_it_and_changes_nothing(string body)
    {
        var botId = await Admin.CreateBotAsync(new { filters = new { pii_allow = new[] { "kept@shop.example.com" } } });

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", body)).AssertInvalid("filters.pii_allow");

        var bot = await Admin.GetAsync($"/v1/bots/{botId}");
        Assert.Equal(["kept@shop.example.com"], Strings(bot.GetProperty("filters").GetProperty("pii_allow")));
    }

    [Fact]
    public async Task An_allow_list_of_more_than_fifty_entries_is_refused()
    {
        var botId = await Admin.CreateBotAsync();
        var entries = Enumerable.Range(0, 51).Select(i => $"team{i}@shop.example.com").ToArray();

        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { filters = new { pii_allow = entries } })).AssertInvalid("filters.pii_allow");
    }

    [Fact]
    public async Task The_contact_details_in_the_knowledge_are_suggested_and_marked_once_allowed()
    {
        var botId = await Admin.CreateBotAsync(new { filters = new { redact_pii = true } });
        await Admin.AddTextAsync(botId, "Contact", ContactPage, "https://shop.example.com/contact");
        await Admin.AddTextAsync(botId, "Opening hours", "# Opening hours\n\nThe shop opens on 2026-12-24 at 9:00 and closes at noon.");

        var suggested = (await Admin.GetAsync($"/v1/bots/{botId}/contact_details")).EnumerateArray().ToList();

        var support = Assert.Single(suggested, c => c.GetProperty("value").GetString() == "support@shop.example.com");
        Assert.Equal("email", support.GetProperty("kind").GetString());
        Assert.Equal("Contact", support.GetProperty("page_title").GetString());
        Assert.StartsWith("https://shop.example.com/contact", support.GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.False(support.GetProperty("allowed").GetBoolean());
        var phone = Assert.Single(suggested, c => c.GetProperty("value").GetString() == "+49 30 1234 5678");
        Assert.Equal("phone", phone.GetProperty("kind").GetString());
        Assert.DoesNotContain(suggested, c => c.GetProperty("value").GetString()!.Contains("2026", StringComparison.Ordinal));

        await Admin.PatchAsync($"/v1/bots/{botId}", new { filters = new { pii_allow = new[] { "support@shop.example.com", "030 1234 5678" } } });

        var after = (await Admin.GetAsync($"/v1/bots/{botId}/contact_details")).EnumerateArray().ToList();
        Assert.True(after.Single(c => c.GetProperty("value").GetString() == "support@shop.example.com").GetProperty("allowed").GetBoolean());
        Assert.True(after.Single(c => c.GetProperty("value").GetString() == "+49 30 1234 5678").GetProperty("allowed").GetBoolean());
        Assert.False(after.Single(c => c.GetProperty("value").GetString() == "jane.doe@mail.example").GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Another_workspaces_bot_has_no_contact_details_to_show()
    {
        var otherBot = await Admin.CreateBotAsync();
        using var http = App.NewHttpClient(await Admin.CreateWorkspaceKeyAsync(await Admin.CreateWorkspaceAsync()));

        (await http.GetReplyAsync($"/v1/bots/{otherBot}/contact_details")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
