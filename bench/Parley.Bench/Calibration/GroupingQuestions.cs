namespace Parley.Bench.Calibration;

/// <summary>
/// The fixed question set the grouping bars are measured on: twelve intents a shop's or a product's visitors ask
/// about, each in four wordings as visitors type them (terse, full, different words for the same thing). Some intents
/// are near misses of others on purpose (refund time / delivery time / shipping cost, resetting a password / changing
/// an e-mail address), since those are what a loose bar would wrongly put together.
/// </summary>
internal static class GroupingQuestions
{
    public static readonly string[][] Intents =
    [
        ["How long do refunds take?", "refund timeline?", "when do I get my money back", "How many days until my refund arrives?"],
        ["how do I reset my password", "I forgot my password", "password reset link not working", "can't remember my password, how do I log in?"],
        ["How much is shipping?", "what are the delivery fees", "Do you charge for shipping?", "shipping costs"],
        ["How long does delivery take?", "when will my order arrive", "shipping time to Germany?", "how many days for delivery"],
        ["Do you ship to Canada?", "Can I order from outside the US?", "international shipping?", "do you deliver abroad"],
        ["How do I cancel my subscription?", "cancel my plan", "I want to stop my monthly membership", "how to unsubscribe from the paid plan"],
        ["What are your opening hours?", "when are you open", "store hours on Sunday?", "What time do you close today?"],
        ["How can I contact customer support?", "is there a phone number I can call", "I want to talk to a human", "support email address?"],
        ["Where is my order?", "track my package", "my parcel hasn't arrived yet", "order status"],
        ["Which payment methods do you accept?", "can I pay with PayPal", "do you take credit cards", "payment options"],
        ["How do I change the email address on my account?", "update my login email", "change account e-mail", "I have a new email address, how do I update it?"],
        ["Is there a student discount?", "discount for students?", "do you offer cheaper plans for students", "student pricing"],
    ];
}
