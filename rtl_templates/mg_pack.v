// mg_pack: assembles the final encoding from the rounder's magnitude and the
// operation's class (docs/spec/rounding.md sections 1 and 4):
//   NaN  -> canonical NaN (ieee: sign 0, exponent all ones, fraction MSB;
//           fn: the single NaN with sign 0); fin has none: +0 and invalid
//   Inf  -> ieee keeps it; fn/fin give +-largest finite, overflow, inexact
//   zero -> +-0 with the operation's sign
//   overflow after rounding -> ieee rne/sr: Inf, ieee rtz or OvfSat or fn/fin:
//           largest finite (the rounder already raised overflow, inexact)
`default_nettype none

module mg_pack #(
  parameter integer ExpBits  = 8,
  parameter integer FracBits = 23,
  parameter integer Specials = 0,  // 0 ieee, 1 fn, 2 fin
  parameter integer Mode     = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer OvfSat   = 0
) (
  input  wire                        sign_i,
  input  wire                        nan_i,
  input  wire                        inf_i,
  input  wire                        zero_i,
  input  wire                        ovf_i,
  input  wire [ExpBits+FracBits-1:0] mag_i,
  input  wire [4:0]                  round_flags_i,
  output wire [ExpBits+FracBits:0]   res_o,
  output wire [4:0]                  flags_o
);
  localparam integer MagWidth = ExpBits + FracBits;

  wire [MagWidth-1:0] one_mag  = {{(MagWidth-1){1'b0}}, 1'b1};
  wire [MagWidth-1:0] all_ones = {MagWidth{1'b1}};
  wire [MagWidth-1:0] inf_mag  = {{ExpBits{1'b1}}, {FracBits{1'b0}}};
  wire [MagWidth-1:0] qnan_mag = inf_mag | (one_mag << (FracBits - 1));
  wire [MagWidth-1:0] max_mag  = (Specials == 0) ? (inf_mag - one_mag) :
                                 (Specials == 1) ? (all_ones - one_mag) : all_ones;
  wire [MagWidth-1:0] nan_mag  = (Specials == 0) ? qnan_mag : all_ones;

  wire is_ieee   = (Specials == 0);
  wire is_fin    = (Specials == 2);
  wire ovf_inf   = is_ieee & (Mode != 0) & (OvfSat == 0);
  wire [4:0] ovf_flags = 5'b00101;
  wire [4:0] inv_flags = 5'b10000;

  reg [MagWidth:0] res;
  reg [4:0]        flags;
  always @* begin
    if (nan_i) begin
      res   = is_fin ? {(MagWidth+1){1'b0}} : {1'b0, nan_mag};
      flags = is_fin ? inv_flags : 5'b00000;
    end else if (inf_i) begin
      res   = {sign_i, is_ieee ? inf_mag : max_mag};
      flags = is_ieee ? 5'b00000 : ovf_flags;
    end else if (zero_i) begin
      res   = {sign_i, {MagWidth{1'b0}}};
      flags = 5'b00000;
    end else if (ovf_i) begin
      res   = {sign_i, ovf_inf ? inf_mag : max_mag};
      flags = round_flags_i;
    end else begin
      res   = {sign_i, mag_i};
      flags = round_flags_i;
    end
  end

  assign res_o   = res;
  assign flags_o = flags;
endmodule

`default_nettype wire
