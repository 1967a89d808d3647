using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmartCity.Edge.Provisioning;

/// <summary>The enrollment HTTP exchange: POST the token and the CSR, get the certificate, the CA and the broker.</summary>
public sealed class EnrollmentClient(HttpClient http)
{
    /// <summary>Path of the enrollment endpoint under the cloud address.</summary>
    public const string EnrollPath = "api/enroll";

    /// <summary>Enrolls; throws <see cref="ProvisioningException"/> with the server's reason on refusal.</summary>
    public async Task<EnrollmentReply> EnrollAsync(Uri cloud, string token, string csrPem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var endpoint = new Uri(cloud.AbsoluteUri.EndsWith('/') ? cloud : new Uri(cloud.AbsoluteUri + "/"), EnrollPath);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(
                endpoint, new EnrollmentSubmission { Token = token, Csr = csrPem }, ProvisioningJsonContext.Default.EnrollmentSubmission, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProvisioningException($"cannot reach the enrollment service at {endpoint}: {ex.Message} (check --cloud and the network)", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProvisioningException($"the enrollment service at {endpoint} did not answer in {http.Timeout.TotalSeconds:F0} s.", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync(ProvisioningJsonContext.Default.EnrollmentReply, cancellationToken).ConfigureAwait(false)
                        ?? throw new ProvisioningException($"{endpoint} answered with an empty body.");
                }
                catch (JsonException ex)
                {
                    throw new ProvisioningException($"{endpoint} answered with something that is not an enrollment reply: {ex.Message}", ex);
                }
            }

            string detail = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
            string hint = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => " (the token is unknown or expired: ask the operator for a new one)",
                HttpStatusCode.Conflict => " (the token was already used: ask the operator for a new one)",
                HttpStatusCode.NotFound => " (no enrollment service at this address: check --cloud)",
                _ => "",
            };
            throw new ProvisioningException($"enrollment refused: HTTP {(int)response.StatusCode}: {detail}{hint}");
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var problem = JsonSerializer.Deserialize(body, ProvisioningJsonContext.Default.EnrollmentProblem);
            if (problem?.Detail is { Length: > 0 } detail)
            {
                return problem.Title is { Length: > 0 } title ? $"{title}: {detail}" : detail;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body.Length > 0 ? body : response.ReasonPhrase ?? "no detail";
    }
}
