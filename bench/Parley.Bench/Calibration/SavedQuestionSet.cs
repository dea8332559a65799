namespace Parley.Bench.Calibration;

/// <summary>
/// Saved questions an owner might write (the questions of Q&amp;A sources), each with paraphrases a visitor might ask that
/// must get its answer, and near-misses (same words or subject, another question) that must not. Unrelated questions
/// ask about nothing saved. Every saved question of a set is one bot's: a visitor question is compared with all of them.
/// </summary>
/// <param name="Name">What the report calls the set.</param>
internal sealed record SavedQuestionSet(string Name, SavedQuestionSet.Saved[] Questions, string[] Unrelated)
{
    public sealed record Saved(string Question, string[] Paraphrases, string[] NearMisses);

    /// <summary>Every set: <see cref="Shop"/>, which the matcher was tuned on, then <see cref="Hotel"/>, which it was not.</summary>
    public static IReadOnlyList<SavedQuestionSet> All => [Shop, Hotel];

    /// <summary>A web shop's help desk: the set the saved-answer rule was designed and tuned on.</summary>
    public static SavedQuestionSet Shop { get; } = new("shop (tuned on)",
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
    ],
    [
        "Do you have vegan options?", "Can I bring my dog?", "Who founded the company?", "Is parking available?",
        "How do I contact support?", "Are you hiring?", "Do you have gift cards?", "What is your phone number?",
    ]);

    /// <summary>
    /// A small hotel with a restaurant, written after the rule was set and never tuned on: it tells whether the rule
    /// holds on questions it was not fitted to.
    /// </summary>
    public static SavedQuestionSet Hotel { get; } = new("hotel (held out)",
    [
        new("What time is check-in?",
            ["When can I check in?", "check in time?", "At what time can we get into our room?"],
            ["What time is check-out?", "Can I check in online?"]),
        new("Do you allow dogs?",
            ["Are dogs allowed?", "can i bring my dog", "Is the hotel dog friendly?"],
            ["Do you allow cats?", "Do you allow smoking?"]),
        new("Is breakfast included in the price?",
            ["Does the room rate include breakfast?", "breakfast included?", "Do I have to pay extra for breakfast?"],
            ["Is dinner included in the price?", "What time is breakfast served?", "Is parking included in the price?"]),
        new("Is there free parking?",
            ["Can I park for free?", "free parking?", "Do you charge for parking?"],
            ["Is there free Wi-Fi?", "Where can I charge my electric car?"]),
        new("Is the restaurant open on Sunday?",
            ["Can we eat at the restaurant on Sundays?", "restaurant sunday opening?", "Does the restaurant serve meals on Sunday?"],
            ["Is the restaurant open on Saturday?", "Is the spa open on Sunday?"]),
        new("How do I cancel my booking?",
            ["I need to cancel my reservation", "cancel booking", "How can I call off my stay?"],
            ["How do I change my booking?", "Is there a fee to cancel?", "How do I extend my booking?"]),
        new("Do you have rooms with a bathtub?",
            ["Is there a bath in the rooms?", "room with bathtub?", "Can I get a room that has a tub?"],
            ["Do you have rooms with a balcony?", "Do you have accessible rooms?"]),
        new("How far is the hotel from the airport?",
            ["distance to the airport?", "How long does it take to get here from the airport?", "Is the hotel close to the airport?"],
            ["How far is the hotel from the train station?", "Do you offer an airport shuttle?"]),
        new("Is there a swimming pool?",
            ["Do you have a pool?", "pool?", "Can guests go swimming at the hotel?"],
            ["Is there a gym?", "Is the swimming pool heated?"]),
        new("Can I pay by bank transfer?",
            ["Do you accept bank transfers?", "pay via wire transfer", "Is paying by bank transfer possible?"],
            ["Can I pay by credit card?", "Can I pay in cash?"]),
        new("Do you have a room for four people?",
            ["family room for 4?", "Can four of us stay in one room?", "Is there a room that sleeps four?"],
            ["Do you have a room for two people?", "Do you have a cot for a baby?"]),
        new("Is late check-out possible?",
            ["Can I check out late?", "late checkout?", "Could we leave the room later than usual?"],
            ["Is early check-in possible?", "Can I leave my luggage after check-out?"]),
    ],
    [
        "Who is the manager?", "Do you sell gift vouchers?", "Is there a minibar?", "Can I rent a bike?",
        "What is the Wi-Fi password?", "Do you organise weddings?", "Are there vegetarian dishes?", "What is your phone number?",
        "Is the hotel wheelchair accessible?", "Do you have a kids club?",
    ]);
}
