// The WASI sandbox's path resolution (runtime/wasi/sandbox.h) on a real directory tree: what
// each path resolves to (directory + final name), and every way out being refused.
#include "runtime/wasi/sandbox.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

using namespace minicc::runtime::wasi;

namespace {

// A temporary tree: root/{a/b/file, link-up -> .., abs -> /etc, chain0..chain49 -> next,
// dirlink -> a/b, out/ (a sibling of the sandbox root)}.
class SandboxTest : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/minicc-sandbox-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    top_ = tmpl;
    root_ = top_ + "/root";
    ASSERT_EQ(mkdir(root_.c_str(), 0755), 0);
    ASSERT_EQ(mkdir((top_ + "/out").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((root_ + "/a").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((root_ + "/a/b").c_str(), 0755), 0);
    close(open((root_ + "/a/b/file").c_str(), O_CREAT | O_WRONLY, 0644));
    symlink("..", (root_ + "/link-up").c_str());
    symlink("/etc", (root_ + "/abs").c_str());
    symlink("a/b", (root_ + "/dirlink").c_str());
    for (int i = 0; i < 50; ++i) {
      symlink(("chain" + std::to_string(i + 1)).c_str(),
              (root_ + "/chain" + std::to_string(i)).c_str());
    }
    base_ = open(root_.c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(base_, 0);
  }
  void TearDown() override {
    close(base_);
    std::string cmd = "rm -rf '" + top_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  // The host path of a resolved directory (through /proc) relative to the sandbox root.
  std::string Where(const ResolvedPath& rp) {
    char buf[4096];
    ssize_t n = readlink(("/proc/self/fd/" + std::to_string(rp.dir())).c_str(), buf, sizeof buf);
    std::string p(buf, n < 0 ? 0 : size_t(n));
    return p.starts_with(root_) ? "." + p.substr(root_.size()) : p;
  }

  std::string top_, root_;
  int base_ = -1;
};

TEST_F(SandboxTest, ResolvesToParentAndName) {
  ResolvedPath rp;
  ASSERT_EQ(Resolve(base_, "a/b/file", false, &rp), kSuccess);
  EXPECT_EQ(Where(rp), "./a/b");
  EXPECT_STREQ(rp.name(), "file");
  EXPECT_EQ(rp.depth(), 2);
  EXPECT_FALSE(rp.must_be_dir());
}

TEST_F(SandboxTest, DotsAndSlashes) {
  ResolvedPath rp;
  ASSERT_EQ(Resolve(base_, "./a//b/../b/", false, &rp), kSuccess);
  EXPECT_EQ(Where(rp), "./a");
  EXPECT_STREQ(rp.name(), "b");
  EXPECT_TRUE(rp.must_be_dir());
  ResolvedPath self;
  ASSERT_EQ(Resolve(base_, "a/..", false, &self), kSuccess);
  EXPECT_EQ(self.dir(), base_);
  EXPECT_STREQ(self.name(), ".");
}

TEST_F(SandboxTest, FollowsSymlinksInsideItself) {
  ResolvedPath rp;
  ASSERT_EQ(Resolve(base_, "dirlink/file", false, &rp), kSuccess);
  EXPECT_EQ(Where(rp), "./a/b");
  // ".." after a symlinked directory is the parent of its target (as the kernel does).
  ResolvedPath up;
  ASSERT_EQ(Resolve(base_, "dirlink/../b/file", false, &up), kSuccess);
  EXPECT_EQ(Where(up), "./a/b");
  // A final symlink is the entry itself unless followed.
  ResolvedPath link;
  ASSERT_EQ(Resolve(base_, "dirlink", false, &link), kSuccess);
  EXPECT_STREQ(link.name(), "dirlink");
  ResolvedPath followed;
  ASSERT_EQ(Resolve(base_, "dirlink", true, &followed), kSuccess);
  EXPECT_EQ(Where(followed), "./a");
  EXPECT_STREQ(followed.name(), "b");
}

TEST_F(SandboxTest, RefusesEveryWayOut) {
  ResolvedPath rp;
  EXPECT_EQ(Resolve(base_, "..", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "../out", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "a/../../out", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "/etc/passwd", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "link-up/out", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "link-up", true, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "abs/passwd", false, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "abs", true, &rp), kNotcapable);
  EXPECT_EQ(Resolve(base_, "a/b/file/x", false, &rp), kNotdir);
  EXPECT_EQ(Resolve(base_, "a/missing/x", false, &rp), kNoent);
  EXPECT_EQ(Resolve(base_, "", false, &rp), kNoent);
  EXPECT_EQ(Resolve(base_, std::string_view("a\0/../..", 8), false, &rp), kInval);
  // The symlink itself may still be named (lstat, unlink, readlink).
  EXPECT_EQ(Resolve(base_, "abs", false, &rp), kSuccess);
}

TEST_F(SandboxTest, SymlinkLoopLimit) {
  ResolvedPath rp;
  EXPECT_EQ(Resolve(base_, "chain0", true, &rp), kLoop); // 50 links
  ResolvedPath ok;
  EXPECT_EQ(Resolve(base_, "chain20", true, &ok), kSuccess); // 30 links, then a missing name
  EXPECT_STREQ(ok.name(), "chain50");
}

TEST(SandboxSymlinkTarget, StaysBeneathTheBase) {
  EXPECT_EQ(CheckSymlinkTarget("file", 0), kSuccess);
  EXPECT_EQ(CheckSymlinkTarget("../file", 1), kSuccess);
  EXPECT_EQ(CheckSymlinkTarget("../file", 0), kNotcapable);
  EXPECT_EQ(CheckSymlinkTarget("a/../../x", 0), kNotcapable);
  EXPECT_EQ(CheckSymlinkTarget("a/../x", 0), kSuccess);
  EXPECT_EQ(CheckSymlinkTarget("/etc/passwd", 5), kNotcapable);
  EXPECT_EQ(CheckSymlinkTarget(std::string_view("x\0y", 3), 0), kInval);
}

} // namespace
