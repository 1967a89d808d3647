using System.Diagnostics;
using System.Runtime.CompilerServices;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>The batch pipeline: the batch loop validates batch n + 1 while the store loop stores (or dead-letters)
/// batch n, then acknowledges it.</summary>
public sealed partial class IngestService
{
    // Two stages overlap: the batch loop fills and classifies batch n + 1 while the store loop writes and acknowledges
    // batch n. Two batch objects circulate between them (free → classified → stored → free), so at most two batches
    // are unacknowledged and acknowledgements still go out batch after batch, in arrival order, only once durable.
    private const int PipelineDepth = 2;

    // How often a filling batch looks for new messages; see FillBatchAsync.
    private static readonly TimeSpan FillPollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Stage 1: fill a batch from the received messages, classify it (parse + validate), hand it to the store loop.</summary>
    private async Task RunBatchLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _received.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var work = await _freeBatches.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
                var handedOver = false;
                try
                {
                    await FillBatchAsync(reader, work.Messages, stoppingToken).ConfigureAwait(false);
                    Classify(work);
                    await _classified.Writer.WriteAsync(work, stoppingToken).ConfigureAwait(false);
                    handedOver = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A bug, not bad input (bad input is a dead letter): nothing of the batch was acknowledged, so the
                    // broker delivers it again after the next reconnect. Keep the loop alive.
                    IngestLog.LoopFailed(_logger, ex, _options.ClientId, "batch loop");
                }
                finally
                {
                    if (!handedOver)
                    {
                        work.Clear();
                        _freeBatches.Writer.TryWrite(work);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; what was not acknowledged stays in the broker.
        }
        finally
        {
            _classified.Writer.TryComplete();
        }
    }

    /// <summary>Stage 2: dead letters, store, acknowledge; then the batch object goes back to the batch loop.</summary>
    private async Task RunStoreLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _classified.Reader;
        try
        {
            await foreach (var work in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await StoreAndAcknowledgeAsync(work, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // A bug: nothing more of the batch is acknowledged; the broker delivers it again after the next reconnect.
                    IngestLog.LoopFailed(_logger, ex, _options.ClientId, "store loop");
                }
                finally
                {
                    work.Clear();
                    _freeBatches.Writer.TryWrite(work);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; what was not acknowledged stays in the broker.
        }
        finally
        {
            while (reader.TryRead(out var left))
            {
                left.Clear();
            }
        }
    }

    /// <summary>Takes what is queued, then waits up to <see cref="IngestOptions.MaxBatchDelay"/> for the batch to fill.</summary>
    /// <remarks>While the batch fills, the loop polls the channel every <see cref="FillPollInterval"/> instead of
    /// waiting on it: a waiting reader is woken (a thread-pool hand-off) by every single message the receive handler
    /// writes, thousands of times a second under load. Polling takes what arrived in the meantime in one go; a message
    /// waits at most one interval longer, and the wait for the first message of a batch is still the channel's own.</remarks>
    private async Task FillBatchAsync(System.Threading.Channels.ChannelReader<PendingMessage> reader, List<PendingMessage> batch, CancellationToken stoppingToken)
    {
        var max = _options.MaxBatchMessages;
        Drain(reader, batch, max);
        if (batch.Count >= max || _options.MaxBatchDelay <= TimeSpan.Zero)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        while (batch.Count < max)
        {
            // Real time, as the batch delay is (not the injected clock, which dates messages and audits seqs).
            var left = _options.MaxBatchDelay - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < FillPollInterval ? left : FillPollInterval, stoppingToken).ConfigureAwait(false);
            Drain(reader, batch, max);
        }
    }

    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Drain(System.Threading.Channels.ChannelReader<PendingMessage> reader, List<PendingMessage> batch, int max)
    {
        while (batch.Count < max && reader.TryRead(out var message))
        {
            batch.Add(message);
        }
    }

    /// <summary>Parses and validates a filled batch: payloads to store, dead letters, and the messages to acknowledge.</summary>
    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Classify(BatchWork work)
    {
        // Dead-letter counters move only once the dead letters are durable.
        var byReason = work.ByReason;
        foreach (var message in work.Messages)
        {
            if (!IsLive(message))
            {
                // Its connection dropped: it cannot be acknowledged any more and the broker delivers it again.
                Interlocked.Increment(ref _abandoned);
                continue;
            }

            work.Accepted.Add(message);
            if (MessageClassifier.TryClassify(message.Topic, message.Payload, out var payload, out var device, out var reason, out var detail))
            {
                work.Payloads.Add(payload);
                work.PayloadSources.Add(message);
                continue;
            }

            work.Letters.Add(FileDeadLetterStore.Create(message.ReceivedAt, reason, detail, message.Topic, device, message.Payload));
            byReason[(int)reason]++;
            IngestLog.DeadLettered(_logger, device ?? "(unknown)", message.Topic, reason, detail);
        }
    }

    private async Task StoreAndAcknowledgeAsync(BatchWork work, CancellationToken stoppingToken)
    {
        var accepted = work.Accepted;
        var letters = work.Letters;
        var payloads = work.Payloads;
        var byReason = work.ByReason;
        if (accepted.Count == 0)
        {
            return;
        }

        if (letters.Count > 0 && await WithRetryAsync(accepted, letters.Count, deadLetterStore: true,
                async ct => { await _deadLetters.AddAsync(letters, ct).ConfigureAwait(false); return default; }, stoppingToken).ConfigureAwait(false) is null)
        {
            return;
        }

        for (var i = 0; i < byReason.Length; i++)
        {
            if (byReason[i] != 0)
            {
                Interlocked.Add(ref _deadLetteredByReason[i], byReason[i]);
            }
        }

        StoreWriteResult result = default;
        if (payloads.Count > 0)
        {
            StoreWriteResult? written;
            try
            {
                written = await WithRetryAsync(accepted, payloads.Count, deadLetterStore: false,
                    ct => _store.WriteBatchAsync(payloads, ct), stoppingToken).ConfigureAwait(false);
            }
            catch (StoreWriteException refused) when (!refused.IsTransient)
            {
                written = await StoreIsolatingRefusedAsync(work, refused, stoppingToken).ConfigureAwait(false);
            }

            if (written is not { } stored)
            {
                return;
            }

            result = stored;
            Interlocked.Add(ref _stored, result.Stored);
            Interlocked.Add(ref _duplicates, result.Duplicates);
            Interlocked.Increment(ref _batches);
            RaiseBatchStored(payloads, result);
        }

        // Durable now: acknowledge in arrival order (MQTT 5 wants PUBACKs in the order of the PUBLISHes).
        foreach (var message in accepted)
        {
            if (!IsLive(message))
            {
                Interlocked.Increment(ref _abandoned);
                continue;
            }

            try
            {
                await message.Args.AcknowledgeAsync(stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _acked);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception)
            {
                // The connection went while acknowledging: the broker redelivers, the store drops it as a duplicate.
                Interlocked.Increment(ref _abandoned);
            }
        }
    }

    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RaiseBatchStored(List<WirePayload> payloads, StoreWriteResult result)
    {
        var fresh = new List<WirePayload>(payloads.Count);
        foreach (var payload in payloads)
        {
            // Status is latest-state and stays out of the seq audit (wire contract); every other kind is audited. Its
            // seq (the device's outbox checkpoint) is a hint: above everything stored, the tail of the stream was lost.
            if (payload.Kind == MessageKind.Status)
            {
                _auditor.Hint(payload.Device, payload.Seq);
                fresh.Add(payload);
            }
            else if (_auditor.Observe(payload.Device, payload.Seq) != SeqObservation.Duplicate)
            {
                fresh.Add(payload);
                if (payload is CommandResultPayload { Name: ResendCommand } answer)
                {
                    if (answer.RequestId.StartsWith(TailProbePrefix, StringComparison.Ordinal))
                    {
                        _auditor.TailProbeAnswered(answer.Device, answer.Seq, answer.RequestId);
                    }

                    IngestLog.CommandResult(_logger, answer.Device, answer.RequestId, answer.Outcome.ToString(), answer.Message);
                }
            }
        }

        if (BatchStored is not { } handler)
        {
            return;
        }

        try
        {
            handler(this, new IngestBatchEventArgs(fresh, result));
        }
        catch (Exception ex)
        {
            IngestLog.LoopFailed(_logger, ex, _options.ClientId, "a BatchStored handler");
        }
    }

    /// <summary>
    /// The store refused the batch for good (<see cref="StoreWriteException.IsTransient"/> false). Halves the batch until
    /// the refused messages stand alone, stores everything else, and dead-letters each refused message with the store's
    /// reason (<see cref="DeadLetterReason.StoreRejected"/>): one bad value must not hold back the stream, and retrying
    /// it would block the ingest forever. Refused seqs are marked received in the audit (they are kept, as dead letters),
    /// so no resend is requested for them. Null when every message lost its connection meanwhile.
    /// </summary>
    private async Task<StoreWriteResult?> StoreIsolatingRefusedAsync(BatchWork work, StoreWriteException first, CancellationToken stoppingToken)
    {
        var payloads = work.Payloads;
        var accepted = work.Accepted;
        IngestLog.StoreRefused(_logger, _options.ClientId, payloads.Count, first.Message);
        var stored = 0;
        var duplicates = 0;
        var refused = new List<(int Index, string Reason)>();
        var ranges = new Stack<(int Start, int Count)>();
        ranges.Push((payloads.Count / 2, payloads.Count - (payloads.Count / 2)));
        ranges.Push((0, payloads.Count / 2));
        string firstReason = first.Message;
        while (ranges.Count > 0)
        {
            var (start, count) = ranges.Pop();
            if (count == 0)
            {
                continue;
            }

            if (count == 1 && payloads.Count == 1)
            {
                refused.Add((start, firstReason));
                continue;
            }

            var part = payloads.GetRange(start, count);
            try
            {
                if (await WithRetryAsync(accepted, count, deadLetterStore: false, ct => _store.WriteBatchAsync(part, ct), stoppingToken)
                        .ConfigureAwait(false) is not { } r)
                {
                    return null;
                }

                stored += r.Stored;
                duplicates += r.Duplicates;
            }
            catch (StoreWriteException again) when (!again.IsTransient)
            {
                if (count == 1)
                {
                    refused.Add((start, again.Message));
                }
                else
                {
                    ranges.Push((start + (count / 2), count - (count / 2)));
                    ranges.Push((start, count / 2));
                }
            }
        }

        if (refused.Count > 0)
        {
            var letters = new List<DeadLetter>(refused.Count);
            foreach (var (index, reason) in refused)
            {
                var source = work.PayloadSources[index];
                var payload = payloads[index];
                letters.Add(FileDeadLetterStore.Create(source.ReceivedAt, DeadLetterReason.StoreRejected, reason, source.Topic, payload.Device, source.Payload));
                IngestLog.DeadLettered(_logger, payload.Device, source.Topic, DeadLetterReason.StoreRejected, reason);
            }

            if (await WithRetryAsync(accepted, letters.Count, deadLetterStore: true,
                    async ct => { await _deadLetters.AddAsync(letters, ct).ConfigureAwait(false); return default; }, stoppingToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            Interlocked.Add(ref _deadLetteredByReason[(int)DeadLetterReason.StoreRejected], letters.Count);
            foreach (var (index, _) in refused)
            {
                var payload = payloads[index];
                if (payload.Kind != MessageKind.Status)
                {
                    _auditor.Observe(payload.Device, payload.Seq);
                }
            }

            // Only what the store holds goes on to the BatchStored handlers (live dashboard, alerts).
            refused.Sort((a, b) => b.Index.CompareTo(a.Index));
            foreach (var (index, _) in refused)
            {
                payloads.RemoveAt(index);
                work.PayloadSources.RemoveAt(index);
            }
        }

        return new StoreWriteResult(stored, duplicates);
    }

    /// <summary>Runs a durable write until it succeeds, with jittered backoff; null (give up, acknowledge nothing)
    /// when every message of the batch lost its connection meanwhile: the broker delivers them again.</summary>
    private async Task<StoreWriteResult?> WithRetryAsync(List<PendingMessage> accepted, int count, bool deadLetterStore,
        Func<CancellationToken, Task<StoreWriteResult>> write, CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                return await write(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (StoreWriteException refused) when (!refused.IsTransient && !deadLetterStore)
            {
                // Retrying cannot help: the caller isolates the refused messages.
                throw;
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _storeRetries);
                var delay = _storeBackoff.NextDelay(attempt++);
                if (deadLetterStore)
                {
                    IngestLog.DeadLetterStoreFailed(_logger, _options.ClientId, count, ex.Message, attempt, delay.TotalMilliseconds);
                }
                else
                {
                    IngestLog.StoreFailed(_logger, _options.ClientId, count, ex.Message, attempt, delay.TotalMilliseconds);
                }

                await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(false);
                if (!AnyLive(accepted))
                {
                    return null;
                }
            }
        }
    }

    private bool IsLive(PendingMessage message) => message.Connection == Interlocked.Read(ref _liveConnection);

    private bool AnyLive(List<PendingMessage> messages)
    {
        var live = Interlocked.Read(ref _liveConnection);
        foreach (var message in messages)
        {
            if (message.Connection == live)
            {
                return true;
            }
        }

        return false;
    }
}
