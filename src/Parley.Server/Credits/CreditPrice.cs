using Microsoft.Extensions.Options;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Providers;

namespace Parley.Server.Credits;

/// <summary>
/// What an answer costs: <c>PerMessage + input/1000 × PerThousandInputTokens + output/1000 × PerThousandOutputTokens</c>,
/// rounded up to the thousandth of a credit that balances are kept in. Before the turn, the most it could cost
/// is reserved: the model's whole context read and its whole answer allowance written, plus the follow-up
/// rewrite's own limits. After the turn the actual cost is kept and the rest given back; the actual cost is
/// never more than the reservation, so concurrent turns cannot overdraw a balance.
/// </summary>
public sealed class CreditPrice(IOptions<CreditOptions> options)
{
    public decimal Reserve(ModelChoice model)
    {
        var input = model.ContextTokens + (model.IsExtractive ? 0 : FollowUpRewriter.MaxInputTokens);
        var output = model.MaxTokens + (model.IsExtractive ? 0 : FollowUpRewriter.MaxOutputTokens);
        return Cost(input, output);
    }

    public decimal Charge(int inputTokens, int outputTokens, decimal reserved) => Math.Min(reserved, Cost(inputTokens, outputTokens));

    private decimal Cost(long input, long output)
    {
        var price = options.Value;
        var cost = price.PerMessage + (input * price.PerThousandInputTokens / 1000m) + (output * price.PerThousandOutputTokens / 1000m);
        return Math.Ceiling(cost * 1000m) / 1000m;
    }
}
