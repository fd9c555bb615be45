// Who a request comes from behind a reverse proxy: X-Forwarded-For is
// believed only from a trusted proxy, and only as far as trusted hops wrote it.
#include "runtime/server/client_address.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace travet::server {
namespace {

const std::vector<std::string> kProxies = {"127.0.0.1", "10.0.0.5"};

TEST(ClientAddressTest, AnUntrustedPeerIsTheClientWhateverItSays) {
  EXPECT_EQ(ClientAddress("203.0.113.7", "198.51.100.1", kProxies), "203.0.113.7");
  EXPECT_EQ(ClientAddress("203.0.113.7", "", {}), "203.0.113.7");
}

TEST(ClientAddressTest, ATrustedProxyNamesTheClient) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", kProxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", " 198.51.100.1 ", kProxies), "198.51.100.1");
}

// A client may send its own X-Forwarded-For; the proxy appends the address it
// was called from, so only the right-most untrusted entry is believed.
TEST(ClientAddressTest, WhatTheClientWroteInTheHeaderIsNotBelieved) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 198.51.100.1", kProxies), "198.51.100.1");
}

TEST(ClientAddressTest, TrustedHopsArePassedOver) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, 10.0.0.5", kProxies), "198.51.100.1");
}

TEST(ClientAddressTest, ATrustedProxyWithoutAUsableHeaderIsTheClient) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "", kProxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.0.0.5", kProxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, ", kProxies), "127.0.0.1");
}

}  // namespace
}  // namespace travet::server
