// Runs the fake AWS of test/support in its own process for the scan benchmark, so that serving
// requests does not take CPU from the scan being measured (a real API is on another machine).
// Protocol over IPC: receive {estate}, answer {url}; receive 'stats', answer {requests, maxInFlight}.
import {type FakeAwsEstate, startFakeAws} from '../test/support/fake-aws.js'

process.once('message', async (message: {estate: FakeAwsEstate}) => {
  const server = await startFakeAws(message.estate)
  process.on('message', (request) => {
    if (request === 'stats') process.send?.({requests: server.requests, maxInFlight: server.maxInFlight})
    if (request === 'close') void server.close().then(() => process.exit(0))
  })
  process.send?.({url: server.url})
})
