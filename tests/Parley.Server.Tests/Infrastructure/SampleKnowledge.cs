namespace Parley.Server.Tests.Infrastructure;

/// <summary>The knowledge of a small web shop, as a business would paste it in.</summary>
public static class SampleKnowledge
{
    public sealed record Page(string Title, string Url, string Text);

    public static readonly Page Refunds = new(
        "Refund policy",
        "https://shop.example.com/help/refunds",
        """
        # Refunds

        You can return any unused item within 30 days of delivery for a full refund. Start a return from the Orders page of your account.

        ## How long refunds take

        Once the parcel reaches our warehouse, the refund is sent to your original payment method within 5 business days.
        """);

    public static readonly Page Shipping = new(
        "Shipping",
        "https://shop.example.com/help/shipping",
        """
        # Shipping

        Standard shipping takes 3 to 5 working days within the European Union and costs 4.90 euros. Orders above 50 euros ship free.

        ## Express delivery

        Express delivery arrives the next working day when ordered before 2 pm and costs 12 euros.
        """);

    public static readonly Page Warranty = new(
        "Warranty",
        "https://shop.example.com/help/warranty",
        """
        # Warranty

        Every kettle and toaster comes with a two-year warranty that covers manufacturing defects. Damage from drops or limescale is not covered.
        """);

    public static readonly IReadOnlyList<Page> Pages = [Refunds, Shipping, Warranty];
}
