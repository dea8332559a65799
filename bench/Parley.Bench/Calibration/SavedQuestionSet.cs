namespace Parley.Bench.Calibration;

/// <summary>
/// Saved questions an owner might write (the questions of Q&amp;A sources), each with paraphrases a visitor might ask that
/// must get its answer, and near-misses (same words or subject, another question) that must not. Unrelated questions
/// ask about nothing saved. Every saved question is one bot's: a visitor question is compared with all of them.
/// </summary>
internal static class SavedQuestionSet
{
    public sealed record Saved(string Question, string[] Paraphrases, string[] NearMisses);

    public static readonly Saved[] Questions =
    [
        new("Can I return a sale item?",
            ["Are sale items returnable?", "can i send back something i bought on sale", "Is it possible to return discounted products?"],
            ["Can I return a gift?", "Can I return an item I bought in store?", "How do I return an item?"]),
        new("How long do refunds take?",
            ["refund timeline?", "When do I get my money back?", "How many days until my refund arrives?"],
            ["How do I ask for a refund?", "Can I get a refund on a digital download?"]),
        new("Do you ship to Canada?",
            ["Can you deliver to Canada?", "shipping to canada?", "Is delivery available in Canada?"],
            ["Do you ship to Mexico?", "How much is shipping to Canada?", "How long does shipping to Canada take?"]),
        new("How do I reset my password?",
            ["I forgot my password", "how can i change my password if i can't log in", "password reset"],
            ["How do I change my email address?", "How do I delete my account?"]),
        new("What are your opening hours?",
            ["When are you open?", "what time do you open", "What hours is the shop open?"],
            ["Are you open on public holidays?", "What are your customer support phone hours?"]),
        new("Is there a student discount?",
            ["Do students get a discount?", "student pricing?", "Do you offer discounts for students?"],
            ["Is there a discount for seniors?", "Do you have a discount code?"]),
        new("How do I cancel my subscription?",
            ["How can I stop my subscription?", "cancel subscription", "I want to end my plan"],
            ["How do I pause my subscription?", "How do I upgrade my subscription?", "Can I get a refund after cancelling?"]),
        new("Do you accept PayPal?",
            ["Can I pay with PayPal?", "paypal accepted?", "Is PayPal a payment option?"],
            ["Do you accept Apple Pay?", "Do you accept American Express?"]),
        new("Where is my order?",
            ["How can I track my order?", "track my package", "my order hasn't arrived yet, where is it?"],
            ["How do I change my order?", "Can I cancel my order?"]),
        new("Is the kettle dishwasher safe?",
            ["Can I put the kettle in the dishwasher?", "kettle dishwasher?", "Can the kettle be washed in a dishwasher?"],
            ["Is the kettle cordless?", "Is the teapot dishwasher safe?"]),
        new("How much does the Pro plan cost?",
            ["What is the price of Pro?", "pro plan price", "How expensive is the Pro subscription?"],
            ["How much does the Basic plan cost?", "What does the Pro plan include?"]),
        new("Do you have a warranty?",
            ["Is there a guarantee on your products?", "warranty?", "Do your products come with a warranty?"],
            ["How do I make a warranty claim?", "Can I buy an extended warranty?"]),
    ];

    /// <summary>Questions about nothing saved: each must match no saved question.</summary>
    public static readonly string[] Unrelated =
    [
        "Do you have vegan options?", "Can I bring my dog?", "Who founded the company?", "Is parking available?",
        "How do I contact support?", "Are you hiring?", "Do you have gift cards?", "What is your phone number?",
    ];
}
