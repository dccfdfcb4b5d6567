namespace BillingOne.Web.Api;

/// <summary>What a file download the web app serves answers when the gateway call behind it failed.</summary>
public static class DownloadProblems
{
    /// <summary>A refused request (4xx) keeps its status; anything else is the upstream failing: 502.</summary>
    public static IResult From(ApiProblem problem)
    {
        var statusCode = problem.Status is >= 400 and < 500 ? problem.Status.Value : StatusCodes.Status502BadGateway;
        return Results.Problem(title: problem.Title, detail: problem.Detail, statusCode: statusCode);
    }
}
