using Parley.Server.Chat.Filters;

namespace Parley.Server.Tests.Chat.Filters;

public sealed class PiiAllowListTests
{
    [Theory]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("+44 20 7946 0958", "+44-20-7946-0958")]
    [InlineData("+44 20 7946 0958", "(020) 7946 0958")]
    [InlineData("020 7946 0958", "+44 20 7946 0958")]
    [InlineData("+44 (0)20 7946 0958", "+44 20 7946 0958")]
    [InlineData("+44 (0)20 7946 0958", "020 7946 0958")]
    [InlineData("0044 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("+1 415 555 0100", "(415) 555-0100")]
    [InlineData("415.555.0100", "+1 415 555 0100")]
    public void AllowsNumber_TheSameNumberWrittenAnotherWay_True(string allowed, string found) =>
        Assert.True(new PiiAllowList([allowed]).AllowsNumber(found));

    [Theory]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0959")]
    [InlineData("+44 20 7946 0958", "+33 20 7946 0958")]
    [InlineData("020 7946 0958", "7946 0958")]
    [InlineData("+1 415 555 0100", "+1 415 555 0100 12")]
    [InlineData("support@shop.example", "+1 415 555 0100")]
    public void AllowsNumber_AnotherNumber_False(string allowed, string found) =>
        Assert.False(new PiiAllowList([allowed]).AllowsNumber(found));

    [Theory]
    [InlineData("support@shop.example", "support@shop.example", true)]
    [InlineData("support@shop.example", "Support@Shop.Example", true)]
    [InlineData("support@shop.example", "sales@shop.example", false)]
    [InlineData("support@shop.example", "support@shop.example.evil", false)]
    public void AllowsEmail_ComparesWholeAddressesWhateverTheirCase(string allowed, string found, bool expected) =>
        Assert.Equal(expected, new PiiAllowList([allowed]).AllowsEmail(found));

    [Theory]
    [InlineData("+49 30 1234 5678", "493012345678")]
    [InlineData("(030) 1234-5678", "03012345678")]
    [InlineData("030/1234.5678", "03012345678")]
    [InlineData("123 456", null)]
    [InlineData("+49 30 1234 5678 9999 9", null)]
    [InlineData("call 030 1234 5678", null)]
    [InlineData("030 1234 5678 ext. 4", null)]
    [InlineData("30+1234", null)]
    public void PhoneDigits_WrittenNumber_DigitsOrNull(string entry, string? expected) =>
        Assert.Equal(expected, PiiAllowList.PhoneDigits(entry));
}
