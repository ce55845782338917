// poll_oneoff: waits for the first of a set of clock and descriptor subscriptions. Regular
// files are always ready (as poll(2) says); pipes, terminals and sockets are polled on the host
// with ppoll; clocks become the ppoll timeout. Events for descriptors the guest may not poll
// carry their error instead of failing the whole call.
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "runtime/wasi/call.h"

namespace minicc::runtime::wasi {

namespace {

struct Event {
  uint64_t userdata = 0;
  uint16_t error = kSuccess;
  uint8_t type = 0;
  uint64_t nbytes = 0;
  uint16_t flags = 0;
};

// The clocks a subscription may wait on: the CPU-time clocks do not advance while the guest
// sleeps, so they are refused (kInval) like unknown ids.
bool HostClock(uint32_t id, clockid_t* out) {
  switch (id) {
  case 0: *out = CLOCK_REALTIME; return true;
  case 1: *out = CLOCK_MONOTONIC; return true;
  default: return false;
  }
}

int64_t Now(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

uint32_t PollOneoff(Call& c) {
  uint32_t in = c.U32(0), out = c.U32(1), nsubs = c.U32(2), nevents_ptr = c.U32(3);
  if (nsubs == 0)
    return kInval;
  const uint8_t* subs = c.Ptr(in, uint64_t(nsubs) * kSubscriptionSize);
  if (!subs || !c.Ptr(out, uint64_t(nsubs) * kEventSize) || !c.Ptr(nevents_ptr, 4)) {
    return kFault;
  }

  struct Clock {
    uint64_t userdata;
    clockid_t id;
    int64_t deadline; // on its own clock, in ns
  };
  std::vector<Clock> clocks;
  std::vector<Event> ready;
  std::vector<pollfd> fds;
  std::vector<Event> fd_events; // parallel to fds
  for (uint32_t i = 0; i < nsubs; ++i) {
    const uint8_t* s = subs + uint64_t(i) * kSubscriptionSize;
    Event ev;
    std::memcpy(&ev.userdata, s, 8);
    ev.type = s[8];
    if (ev.type == kEventClock) {
      uint32_t id;
      uint64_t timeout;
      uint16_t flags;
      std::memcpy(&id, s + 16, 4);
      std::memcpy(&timeout, s + 24, 8);
      std::memcpy(&flags, s + 40, 2);
      clockid_t host;
      if (!HostClock(id, &host)) {
        ev.error = kInval;
        ready.push_back(ev);
        continue;
      }
      int64_t t = timeout > uint64_t(INT64_MAX) ? INT64_MAX : int64_t(timeout);
      int64_t now = Now(host);
      int64_t deadline =
          (flags & kSubclockAbstime) ? t : (t > INT64_MAX - now ? INT64_MAX : now + t);
      clocks.push_back({ev.userdata, host, deadline});
    } else if (ev.type == kEventFdRead || ev.type == kEventFdWrite) {
      uint32_t fd;
      std::memcpy(&fd, s + 16, 4);
      FdEntry* e = nullptr;
      Errno err = Lookup(c, fd, rights::kPollFdReadwrite, &e);
      if (err != kSuccess) {
        ev.error = err;
        ready.push_back(ev);
        continue;
      }
      if (e->type == kRegularFile || e->type == kDirectory || e->type == kBlockDevice) {
        if (ev.type == kEventFdRead && e->type == kRegularFile) {
          struct stat st;
          off_t pos = lseek(e->host_fd, 0, SEEK_CUR);
          if (fstat(e->host_fd, &st) == 0 && pos >= 0 && st.st_size > pos) {
            ev.nbytes = uint64_t(st.st_size - pos);
          }
        }
        ready.push_back(ev);
        continue;
      }
      fds.push_back({e->host_fd, short(ev.type == kEventFdRead ? POLLIN : POLLOUT), 0});
      fd_events.push_back(ev);
    } else {
      ev.error = kInval;
      ready.push_back(ev);
    }
  }

  // Wait until a descriptor is ready or the earliest clock expires (not at all when some
  // event is already known).
  for (;;) {
    timespec ts{0, 0};
    bool infinite = ready.empty() && clocks.empty();
    if (ready.empty() && !clocks.empty()) {
      int64_t wait = INT64_MAX;
      for (const Clock& k : clocks)
        wait = std::min(wait, k.deadline - Now(k.id));
      if (wait < 0)
        wait = 0;
      ts.tv_sec = time_t(wait / 1000000000);
      ts.tv_nsec = long(wait % 1000000000);
    }
    int n = ppoll(fds.data(), fds.size(), infinite ? nullptr : &ts, nullptr);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return FromHostErrno(errno);
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      short r = fds[i].revents;
      if (r == 0)
        continue;
      Event ev = fd_events[i];
      if (r & POLLNVAL)
        ev.error = kBadf;
      else if (r & POLLERR)
        ev.error = kIo;
      if (r & POLLHUP)
        ev.flags |= kEventFdReadwriteHangup;
      int avail = 0;
      if (ev.type == kEventFdRead && ioctl(fds[i].fd, FIONREAD, &avail) == 0 && avail > 0) {
        ev.nbytes = uint64_t(avail);
      }
      ready.push_back(ev);
    }
    if (ready.empty()) {
      for (const Clock& k : clocks) {
        if (Now(k.id) >= k.deadline) {
          Event ev;
          ev.userdata = k.userdata;
          ev.type = kEventClock;
          ready.push_back(ev);
        }
      }
    }
    if (!ready.empty())
      break;
  }

  uint8_t* events = c.Ptr(out, uint64_t(nsubs) * kEventSize);
  for (size_t i = 0; i < ready.size(); ++i) {
    uint8_t buf[kEventSize] = {};
    const Event& ev = ready[i];
    std::memcpy(buf, &ev.userdata, 8);
    std::memcpy(buf + 8, &ev.error, 2);
    buf[10] = ev.type;
    std::memcpy(buf + 16, &ev.nbytes, 8);
    std::memcpy(buf + 24, &ev.flags, 2);
    std::memcpy(events + i * kEventSize, buf, kEventSize);
  }
  c.Store(nevents_ptr, uint32_t(ready.size()));
  return kSuccess;
}

} // namespace minicc::runtime::wasi
