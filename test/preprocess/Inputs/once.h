#pragma once
int included_once;
