namespace BillingOne.Web.Api;

/// <summary>
/// A file the gateway serves, passed through to the browser as it arrives. The gateway wants the user's session
/// token, which only the web app holds, so the browser downloads from the web app rather than from the gateway.
/// </summary>
public static class GatewayDownloads
{
    /// <param name="open">Opens the gateway's answer, its body still to be read.</param>
    /// <param name="fallbackFileName">The file's name when the gateway names none.</param>
    public static async Task<IResult> PassThroughAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> open, HttpContext context, string fallbackFileName,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage download;
        try
        {
            download = await open(cancellationToken);
        }
        catch (ApiProblemException exception)
        {
            return DownloadProblems.From(exception.Problem);
        }

        // The answer's stream is read while the result writes it, so the answer lives as long as the request.
        context.Response.RegisterForDispose(download);
        var headers = download.Content.Headers;
        var fileName = headers.ContentDisposition?.FileNameStar
            ?? headers.ContentDisposition?.FileName?.Trim('"')
            ?? fallbackFileName;
        return Results.Stream(
            await download.Content.ReadAsStreamAsync(cancellationToken),
            headers.ContentType?.ToString() ?? "application/octet-stream",
            fileName);
    }
}
