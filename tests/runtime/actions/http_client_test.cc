#include "runtime/actions/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace travet::actions {
namespace {

// A server on 127.0.0.1 that answers every connection with the same bytes,
// whatever was asked: for replies no real HTTP server would send.
class RawReplyServer {
 public:
  explicit RawReplyServer(std::string reply) : reply_(std::move(reply)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(listen(listener_, 4), 0);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~RawReplyServer() {
    shutdown(listener_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    close(listener_);
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Serve() {
    for (int conn; (conn = accept(listener_, nullptr, nullptr)) >= 0; close(conn)) {
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == request.npos) {
        ssize_t n = read(conn, buf, sizeof(buf));
        if (n <= 0)
          break;
        request.append(buf, static_cast<size_t>(n));
      }
      // The client may hang up before reading it all; that is its right.
      (void)send(conn, reply_.data(), reply_.size(), MSG_NOSIGNAL);
    }
  }

  std::string reply_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

Result<HttpResponse> Get(const std::string& url) {
  HttpClient client;
  HttpRequest request;
  request.url = url;
  request.max_redirects = 0;
  return client.Send(request);
}

TEST(HttpClientTest, AReplyThatIsNotHttpIsCalledSo) {
  RawReplyServer server("SSH-2.0-OpenSSH_9.2\r\n\r\n");
  auto response = Get(server.Url("/x"));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), StatusCode::kFailed);
  EXPECT_EQ(response.error().message(),
            "GET " + server.Url("/x") + ": the server's reply is not HTTP");
}

TEST(HttpClientTest, AHugeResponseHeaderIsCalledSo) {
  RawReplyServer server("HTTP/1.1 200 OK\r\nX-Big: " + std::string(2 << 20, 'a') +
                        "\r\nContent-Length: 0\r\n\r\n");
  auto response = Get(server.Url("/x"));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), StatusCode::kFailed);
  EXPECT_EQ(response.error().message(),
            "GET " + server.Url("/x") + ": a response header is larger than 102400 bytes");
}

TEST(HttpClientTest, TooManyResponseHeadersAreCalledSo) {
  std::string headers;
  for (int i = 0; i < 400; ++i)
    headers += "X-H" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
  RawReplyServer server("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 0\r\n\r\n");
  auto response = Get(server.Url("/x"));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code(), StatusCode::kFailed);
  EXPECT_TRUE(response.error().message().starts_with(
      "GET " + server.Url("/x") + ": the response headers are larger than curl takes ("))
      << response.error().message();
}

}  // namespace
}  // namespace travet::actions
